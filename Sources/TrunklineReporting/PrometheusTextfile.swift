/// The report as node_exporter textfile-collector metrics (Prometheus text format 0.0.4):
/// hosts by status, drifted steps per host, the run's duration, and the time of its end as
/// the last successful drift run.
public enum PrometheusTextfile {
    /// The metrics text.
    public static func render(_ report: DriftReport) -> String {
        var lines: [String] = []
        func family(_ name: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            lines += ["# HELP \(name) \(help)", "# TYPE \(name) gauge"]
            lines += samples.map { "\(name)\($0.labels.isEmpty ? "" : "{\($0.labels)}") \($0.value)" }
        }
        family("trunkline_drift_hosts", "Hosts of the last drift run by status.",
               HostStatus.allCases.map { status in ("status=\"\(status.rawValue)\"", "\(report.hosts(status).count)") })
        family("trunkline_drift_steps", "Drifted steps per host in the last drift run (0 for a host in sync).",
               report.hosts.filter(\.status.wasChecked).map { ("host=\"\(label($0.host))\"", "\($0.drifts.count)") })
        family("trunkline_drift_host_reachable", "1 if the last drift run checked the host, 0 if it was unreachable or failed.",
               report.hosts.map { ("host=\"\(label($0.host))\"", $0.status.wasChecked ? "1" : "0") })
        family("trunkline_drift_new_steps", "Drifted steps first seen in the last drift run.", [("", "\(report.summary.new)")])
        family("trunkline_drift_resolved_steps", "Drifts resolved since the previous drift run.", [("", "\(report.summary.resolved)")])
        family("trunkline_drift_run_duration_seconds", "How long the last drift run took.", [("", String(format: "%.3f", report.durationSeconds))])
        family("trunkline_drift_last_success_timestamp_seconds", "When the last drift run that completed finished (Unix time).",
               [("", String(format: "%.3f", report.finishedAt.timeIntervalSince1970))])
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label value with `\`, `"` and newlines escaped, as the text format requires.
    static func label(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
