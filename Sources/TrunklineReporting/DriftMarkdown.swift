import TrunklineCore

/// The report as Markdown, for mail or a ticket, in the order of ``DriftFindings``: the
/// headline, the counts, the new drifts and the drifts seen before grouped by step (its hosts,
/// since when, one shared diff or one per distinct diff), the resolved drifts and the hosts not
/// checked with how long they have been down.
public enum DriftMarkdown {
    /// The report's Markdown text.
    public static func render(_ report: DriftReport) -> String {
        let summary = report.summary, findings = DriftFindings(report)
        var lines = [
            "# Drift report \(report.run.id)", "",
            "**\(findings.headline)**", "",
            "Playbook `\(report.playbook)` on inventory `\(report.inventory)`, \(ReportTime.text(report.run.startedAt)), "
                + String(format: "%.1f s.", report.durationSeconds), "",
            "| new | resolved | hosts | in sync | drifted | unreachable | failed | drifted steps |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| \(summary.new) | \(summary.resolved) | \(summary.hosts) | \(summary.inSync) | \(summary.drifted) | \(summary.unreachable) | \(summary.failed) | \(summary.driftedSteps) |",
        ]
        if !findings.new.isEmpty { lines += ["", "## New drifts"] + findings.new.flatMap { group($0, report) } }
        if !findings.ongoing.isEmpty {
            lines += ["", "## Drifted steps seen before"] + findings.ongoing.flatMap { group($0, report) }
        }
        if !findings.resolved.isEmpty {
            lines +=
                ["", "## Resolved since the previous run", ""]
                + findings.resolved.map {
                    "- **\($0.kind): \($0.name)** (\($0.play)) on \(DriftFindings.count($0.hosts.count, "host")): \(HostList.compact($0.hosts)); "
                        + "had drifted \(RelativeAge.since($0.since, now: report.run))"
                }
        }
        if !findings.unchecked.isEmpty {
            lines +=
                ["", "## Not checked", ""]
                + findings.unchecked.map {
                    "- \($0.host): \($0.status.rawValue) \(DownTime.text($0, now: report.run)) — \($0.reason ?? "")"
                }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func group(_ group: DriftGroup, _ report: DriftReport) -> [String] {
        var lines = [
            "", "### \(group.kind): \(group.name)", "",
            "\(group.play) · \(DriftFindings.count(group.hosts.count, "host")): \(HostList.compact(group.hosts)) · \(RelativeAge.since(group.since, now: report.run))",
        ]
        for variant in group.variants {
            if !group.isShared { lines += ["", "On \(HostList.compact(variant.hosts)):"] }
            lines.append("")
            for change in variant.changes {
                lines.append("- \(change.summary)")
                if !change.diff.isEmpty {
                    lines +=
                        ["", "  ```diff"]
                        + TextLines.split(change.diff).dropLast().map {
                            "  \($0)"
                        } + ["  ```"]
                }
            }
        }
        return lines
    }
}
