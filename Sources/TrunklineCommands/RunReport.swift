import Foundation
import TrunklineEngine

/// Prints a check or apply as an Ansible user reads it: per host and step `ok`, `changed`,
/// `failed` or `skipped` (colour on a terminal only), the changes, diffs with `--diff`, and a
/// recap; or, with `--format json`, one JSON document at the end.
final class RunReport: @unchecked Sendable {
    private let format: OutputFormat
    private let showDiff: Bool
    private let apply: Bool
    private let colour = isatty(STDOUT_FILENO) == 1
    private let lock = NSLock()

    init(format: OutputFormat, showDiff: Bool, apply: Bool) {
        self.format = format
        self.showDiff = showDiff
        self.apply = apply
    }

    func play(_ name: String) {
        guard format == .text else { return }
        emit("PLAY [\(name)] " + String(repeating: "*", count: max(4, 60 - name.count)))
    }

    func host(_ outcome: HostOutcome) {
        guard format == .text else { return }
        var lines: [String] = []
        if let failure = outcome.failure { lines.append(paint("\(outcome.host): \(outcome.unreachable ? "UNREACHABLE!" : "FAILED!") \(failure)", 31)) }
        for step in outcome.steps {
            let status = step.status == .changed && !apply ? "change" : step.status.rawValue
            let handler = step.step.isHandler ? " (handler)" : ""
            lines.append(paint("\(outcome.host)  \(status)  [\(step.step.index)] \(step.step.kind): \(step.step.name)\(handler)", code(step.status)))
            for change in step.step.changes where step.status != .ok {
                lines.append("    - \(change.summary)")
                if showDiff, !change.diff.isEmpty { lines += change.diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "      \($0)" } }
            }
            if let output = step.output, !output.isEmpty { lines += output.split(separator: "\n").map { "      ! \($0)" } }
        }
        for step in outcome.remaining {
            lines.append(paint("\(outcome.host)  did not converge  [\(step.index)] \(step.kind): \(step.name)", 31))
            lines += step.changes.map { "    - still: \($0.summary)" }
        }
        emit(lines.joined(separator: "\n"))
    }

    func recap(_ outcomes: [HostOutcome]) {
        if format == .json {
            emit(String(decoding: (try? JSONSerialization.data(withJSONObject: outcomes.map(Self.json), options: [.prettyPrinted, .sortedKeys])) ?? Data(), as: UTF8.self))
            return
        }
        emit("RECAP " + String(repeating: "*", count: 60))
        for outcome in outcomes {
            let count = { (status: StepOutcome.Status) in outcome.steps.filter { $0.status == status }.count }
            let failed = count(.failed) + (outcome.remaining.isEmpty ? 0 : 1) + (outcome.failure != nil && !outcome.unreachable ? 1 : 0)
            emit("\(outcome.host)  ok=\(count(.ok)) changed=\(count(.changed)) failed=\(failed) unreachable=\(outcome.unreachable ? 1 : 0)")
        }
    }

    private static func json(_ outcome: HostOutcome) -> [String: Any] {
        [
            "host": outcome.host,
            "failure": outcome.failure as Any,
            "unreachable": outcome.unreachable,
            "steps": outcome.steps.map { step in
                ["index": step.step.index, "name": step.step.name, "kind": step.step.kind, "status": step.status.rawValue,
                 "changes": step.step.changes.map { ["summary": $0.summary, "diff": $0.diff, "commands": $0.commands] },
                 "output": step.output as Any] as [String: Any]
            },
            "did_not_converge": outcome.remaining.map(\.name),
        ]
    }

    private func code(_ status: StepOutcome.Status) -> Int {
        switch status {
        case .ok: return 32
        case .changed: return 33
        case .failed: return 31
        case .skipped: return 36
        }
    }

    private func paint(_ text: String, _ code: Int) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func emit(_ text: String) {
        lock.withLock { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    }
}
