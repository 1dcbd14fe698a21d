import Foundation
import TrunklineEngine
import TrunklineRun

/// Live progress on a terminal: one status line on standard error, redrawn as hosts start and
/// finish (`batch 2/3 · done 12/50 · in flight 5 · failed 1`). Not a terminal: silent (the
/// report's plain lines are the progress), and so are `TERM=dumb` and `NO_COLOR`, which want
/// no escape sequences.
final class ProgressDisplay: @unchecked Sendable {
    private let enabled =
        isatty(STDERR_FILENO) == 1
        && TerminalColour.enabled(isTerminal: true, environment: ProcessInfo.processInfo.environment)
    private let total: Int
    private let lock = NSLock()
    private var state = (batch: "", done: 0, inFlight: 0, failed: 0)

    /// A display for `total` host runs.
    init(total: Int) {
        self.total = total
    }

    /// Takes an event and redraws.
    func handle(_ event: RolloutEvent) {
        guard enabled else { return }
        let line: String = lock.withLock {
            switch event {
            case .batchStarted(let number, let count, _): state.batch = count > 1 ? "batch \(number)/\(count) · " : ""
            case .hostStarted: state.inFlight += 1
            case .hostFinished(let outcome):
                state.inFlight -= 1
                state.done += 1
                if outcome.failed { state.failed += 1 }
            }
            return "\(state.batch)done \(state.done)/\(total) · in flight \(state.inFlight) · failed \(state.failed)"
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    /// Clears the status line before other output.
    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
