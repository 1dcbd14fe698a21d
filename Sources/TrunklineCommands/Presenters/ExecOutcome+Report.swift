import TrunklineCore
import TrunklineRun

extension ExecOutcome {
    /// Output lines prefixed by host (`|` for stdout, `!` for stderr), then the status line.
    func report(for target: HostTarget) -> String {
        let time = DurationText.short(elapsed)
        guard let output else { return "\(target.name) | FAILED | \(failure ?? "unknown error") (\(time))" }
        var lines = Self.prefixed(output.stdoutText, with: "\(target.name) | ")
        lines += Self.prefixed(output.stderrText, with: "\(target.name) ! ")
        lines.append("\(target.name) | \(output.succeeded ? "OK" : "FAILED") | \(output.endDescription) (\(time))")
        return lines.joined(separator: "\n")
    }

    private static func prefixed(_ text: String, with prefix: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }
    }
}
