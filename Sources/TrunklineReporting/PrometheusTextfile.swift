/// The report as node_exporter textfile-collector metrics (Prometheus text format 0.0.4):
/// hosts by status, each host's status and drifted steps, whether it was reached and has a
/// reboot pending, new and
/// resolved steps, the run's duration and end. Every sample carries `playbook` and `inventory`
/// labels, so the textfiles of several drift timers compose in one collector directory.
public enum PrometheusTextfile {
    /// The metrics text.
    public static func render(_ report: DriftReport) -> String {
        let run = "playbook=\"\(label(report.playbook))\",inventory=\"\(label(report.inventory))\""
        var lines: [String] = []
        func family(_ name: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            lines += ["# HELP \(name) \(help)", "# TYPE \(name) gauge"]
            lines += samples.map { "\(name){\(run)\($0.labels.isEmpty ? "" : ",\($0.labels)")} \($0.value)" }
        }
        func host(_ host: HostReport) -> String { "host=\"\(label(host.host))\"" }
        family(
            "trunkline_drift_hosts", "Hosts of the last drift run by status.",
            HostStatus.allCases.map { status in ("status=\"\(status.rawValue)\"", "\(report.hosts(status).count)") })
        family(
            "trunkline_drift_host_status",
            "1 for the status the last drift run found on the host (in_sync, drifted, unreachable, failed), else 0.",
            report.hosts.flatMap { entry in
                HostStatus.allCases.map { ("\(host(entry)),status=\"\($0.rawValue)\"", entry.status == $0 ? "1" : "0") }
            })
        family(
            "trunkline_drift_steps", "Drifted steps per host in the last drift run (0 for a host in sync).",
            report.hosts.filter(\.status.wasChecked).map { (host($0), "\($0.drifts.count)") })
        family(
            "trunkline_drift_host_reachable",
            "1 if the last drift run reached the host (checked, or failed after connecting), 0 if unreachable.",
            report.hosts.map { (host($0), $0.status == .unreachable ? "0" : "1") })
        family(
            "trunkline_drift_reboot_pending",
            "1 if the host runs another kernel command line than its next boot gives, or a blacklisted module is loaded.",
            report.hosts.filter(\.status.wasChecked).map {
                (host($0), $0.drifts.contains { $0.step.isRebootPending } ? "1" : "0")
            })
        family(
            "trunkline_drift_new_steps", "Drifted steps first seen in the last drift run.",
            [("", "\(report.summary.new)")])
        family(
            "trunkline_drift_resolved_steps", "Drifts resolved since the previous drift run.",
            [("", "\(report.summary.resolved)")])
        family(
            "trunkline_drift_run_duration_seconds", "How long the last drift run took.",
            [("", String(format: "%.3f", report.durationSeconds))])
        family(
            "trunkline_drift_last_success_timestamp_seconds",
            "When the last drift run that completed finished (Unix time).",
            [("", String(format: "%.3f", report.finishedAt.timeIntervalSince1970))])
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label value with `\`, `"` and newlines escaped, as the text format requires.
    /// By Unicode scalar: Foundation's search for `"` does not find one that a combining mark follows.
    static func label(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
