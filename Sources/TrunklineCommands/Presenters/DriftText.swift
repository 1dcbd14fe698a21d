import Foundation
import TrunklineReporting

/// The drift report as the terminal (or cron's mail) shows it: counts, the headline, drifted
/// hosts with each step and since when (diffs with `--diff`, painted as check paints them when
/// `colour`), hosts not checked, resolved drifts, the files.
enum DriftText {
    static func render(_ report: DriftReport, showDiff: Bool, files: [String], colour: Bool = false) -> String {
        let summary = report.summary
        var lines = [
            "DRIFT \(report.run.id): \(summary.hosts) hosts, \(summary.inSync) in sync, \(summary.drifted) drifted, "
                + "\(summary.unreachable) unreachable, \(summary.failed) failed; \(summary.driftedSteps) drifted steps, \(summary.new) new, \(summary.resolved) resolved",
            DriftFindings(report).headline,
        ]
        for host in report.hosts(.drifted) {
            lines.append("\(host.host)  drifted")
            for entry in host.drifts {
                let since = entry.isNew ? "new" : "since \(entry.since.id)"
                lines.append("    [\(entry.step.index)] \(entry.step.kind): \(entry.step.name)  (\(since))")
                for change in entry.step.changes {
                    lines.append("      - \(change.summary)")
                    if showDiff, !change.diff.isEmpty {
                        lines += RunReport.diffLines(change.diff, colour: colour, indent: "        ")
                    }
                }
            }
        }
        for host in report.hosts where !host.status.wasChecked {
            lines.append("\(host.host)  \(host.status.rawValue): \(host.reason ?? "")")
        }
        for drift in report.resolved {
            lines.append("\(drift.host)  resolved: \(drift.kind): \(drift.name) (drifted since \(drift.since.id))")
        }
        lines += files.map { "wrote \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
