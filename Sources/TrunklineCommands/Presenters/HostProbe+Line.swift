import TrunklineCore
import TrunklineRun

extension HostProbe {
    /// One output line: host, status, time, and the reason on failure.
    func line(for target: HostTarget) -> String {
        var line = "\(target.name)  \(status)  \(DurationText.short(elapsed))"
        if let detail { line += "  \(detail)" }
        return line
    }
}
