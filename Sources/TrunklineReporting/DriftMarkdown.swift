/// The report as Markdown, for mail or a ticket: the counts, the drifted hosts with each
/// step (since when, new or not) and its diff, the hosts not checked and the resolved drifts.
public enum DriftMarkdown {
    /// The report's Markdown text.
    public static func render(_ report: DriftReport) -> String {
        let summary = report.summary
        var lines = [
            "# Drift report \(report.run.id)", "",
            "Playbook `\(report.playbook)` on inventory `\(report.inventory)`, \(ReportTime.text(report.run.startedAt)), "
                + String(format: "%.1f s.", report.durationSeconds), "",
            "| hosts | in sync | drifted | unreachable | failed | drifted steps | new | resolved |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| \(summary.hosts) | \(summary.inSync) | \(summary.drifted) | \(summary.unreachable) | \(summary.failed) | \(summary.driftedSteps) | \(summary.new) | \(summary.resolved) |",
        ]
        let drifted = report.hosts(.drifted)
        if !drifted.isEmpty { lines += ["", "## Drifted hosts"] }
        for host in drifted {
            lines += ["", "### \(host.host)"]
            for entry in host.drifts {
                lines += ["", "- **\(entry.step.kind): \(entry.step.name)** (\(entry.step.play)), \(entry.isNew ? "**new**" : ReportTime.since(entry))"]
                for change in entry.step.changes {
                    lines.append("  - \(change.summary)")
                    if !change.diff.isEmpty { lines += ["", "    ```diff"] + change.diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "    \($0)" } + ["    ```"] }
                }
            }
        }
        let unchecked = report.hosts.filter { !$0.status.wasChecked }
        if !unchecked.isEmpty {
            lines += ["", "## Not checked", ""] + unchecked.map { "- \($0.host): \($0.status.rawValue) — \($0.reason ?? "")" }
        }
        if !report.resolved.isEmpty {
            lines += ["", "## Resolved since the previous run", ""]
                + report.resolved.map { "- \($0.host): \($0.kind): \($0.name) (drifted since \(ReportTime.text($0.since.startedAt)))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
