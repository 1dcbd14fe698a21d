import Dispatch
import Foundation
import TrunklineEngine
import TrunklineRun

/// Ctrl-C during a run: the first SIGINT stops the rollout from starting more hosts (hosts
/// under way finish their on-host script and are reported); a second one exits at once (130).
final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private let lock = NSLock()
    private var count = 0

    /// Starts handling SIGINT for `control`.
    init(control: RolloutControl) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [unowned self] in
            let seen = lock.withLock {
                count += 1; return count
            }
            if seen > 1 {
                FileHandle.standardError.write(Data("\ninterrupted again: exiting now\n".utf8))
                exit(130)
            }
            FileHandle.standardError.write(
                Data(
                    "\ninterrupted: starting no more hosts; waiting for the hosts under way (Ctrl-C again to quit now)\n"
                        .utf8))
            control.stop(because: "interrupted (Ctrl-C)")
        }
        source.resume()
    }

    /// Restores the default SIGINT action.
    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
