import TrunklineCore

/// The report as one self-contained HTML page (inline CSS and SVG, no scripts, no external
/// assets), in the order of ``DriftFindings``: the headline, the counts, the trend chart, the new
/// drifts and the drifts seen before grouped by step (hosts and diffs fold open in `<details>`),
/// the resolved drifts and the hosts not checked with how long they have been down.
public enum DriftHTML {
    /// The page; `trend` is the last runs of the history, oldest first (this run alone if empty).
    public static func render(_ report: DriftReport, trend: [TrendPoint] = []) -> String {
        let e: (String) -> String = { MarkupText.escaped($0) }, findings = DriftFindings(report)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Trunkline drift report \(e(report.run.id))</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>Drift report</h1>
            <p class="headline \(findings.hasNews ? "news" : "quiet")">\(e(findings.headline))</p>
            <p class="meta">Run <code>\(e(report.run.id))</code> · \(e(ReportTime.text(report.run.startedAt))) · playbook <code>\(e(report.playbook))</code> · inventory <code>\(e(report.inventory))</code> · \(e(String(format: "%.1f", report.durationSeconds))) s</p>

            """
        html += cards(report.summary)
        html += "<h2>Trend</h2>\n" + TrendChart.svg(trend.isEmpty ? [TrendPoint(report)] : trend)
        if !findings.new.isEmpty { html += groupTable("New drifts", "new", findings.new, report) }
        html +=
            findings.ongoing.isEmpty && findings.new.isEmpty
            ? "<h2>Drifted steps</h2>\n<p>None: every host that answered is in sync.</p>\n"
            : findings.ongoing.isEmpty
                ? "" : groupTable("Drifted steps seen before", "ongoing", findings.ongoing, report)
        html += resolvedTable(findings.resolved, report)
        html += uncheckedTable(findings.unchecked, report)
        return html + "</body>\n</html>\n"
    }

    private static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2em;color:#1d232a;background:#fbfbfc}
        h1{margin:0 0 .2em}h2{margin-top:1.4em}.meta{color:#5b6470}
        .headline{font-size:1.2em;font-weight:600;padding:.5em .8em;border-radius:6px}.news{background:#fff3cd}.quiet{background:#e6f4ea}
        .cards{display:flex;gap:1em;flex-wrap:wrap}.card{padding:.6em 1.1em;border-radius:8px;background:#fff;border:1px solid #dde1e6;min-width:6em}
        .card b{display:block;font-size:1.6em}.c-in_sync b{color:#1a7f37}.c-drifted b{color:#b35900}.c-unreachable b,.c-failed b{color:#c62828}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #dde1e6;padding:.4em .6em;text-align:left;vertical-align:top}
        th{background:#f0f2f5}details{margin:.1em 0}summary{cursor:pointer}table.new{border-left:4px solid #e0a800}
        pre{background:#f6f8fa;padding:.6em;overflow-x:auto;margin:.3em 0}.add{color:#1a7f37}.del{color:#c62828}.hunk{color:#6f42c1}
        .since{color:#5b6470;font-size:.9em}.trend{background:#fff;border:1px solid #dde1e6;border-radius:6px;max-width:100%;height:auto}
        """

    private static func cards(_ summary: DriftSummary) -> String {
        let cards = [
            ("new", "new", summary.new), ("resolved", "resolved", summary.resolved), ("hosts", "hosts", summary.hosts),
            ("in_sync", "in sync", summary.inSync), ("drifted", "drifted", summary.drifted),
            ("unreachable", "unreachable", summary.unreachable), ("failed", "failed", summary.failed),
            ("steps", "drifted steps", summary.driftedSteps),
        ]
        return "<div class=\"cards\">\n"
            + cards.map { "<div class=\"card c-\($0.0)\"><b>\($0.2)</b>\($0.1)</div>" }.joined(separator: "\n")
            + "\n</div>\n"
    }

    private static func groupTable(
        _ title: String, _ id: String, _ groups: [DriftGroup], _ report: DriftReport
    ) -> String {
        table(title, id, ["step", "hosts", "since", "changes"], groups.map { groupRow($0, report) })
    }

    /// A section: its heading (with `id`) and a table of the header cells and `rows`.
    private static func table(_ title: String, _ id: String, _ headers: [String], _ rows: [String]) -> String {
        "<h2 id=\"\(id)\">\(title)</h2>\n<table class=\"\(id)\">\n<tr>" + headers.map { "<th>\($0)</th>" }.joined()
            + "</tr>\n" + rows.joined() + "</table>\n"
    }

    private static func groupRow(_ group: DriftGroup, _ report: DriftReport) -> String {
        let e: (String) -> String = { MarkupText.escaped($0) }
        return "<tr><td><b>\(e(group.kind)): \(e(group.name))</b><br><span class=\"since\">\(e(group.play))</span></td>"
            + "<td>\(hostCell(group.hosts))</td><td class=\"since\">\(e(RelativeAge.since(group.since, now: report.run)))</td><td>"
            + (group.isShared
                ? changes(group.variants[0].changes, hosts: nil)
                : group.variants.map { changes($0.changes, hosts: $0.hosts) }.joined())
            + "</td></tr>\n"
    }

    private static func hostCell(_ hosts: [String]) -> String {
        let e: (String) -> String = { MarkupText.escaped($0) }, count = DriftFindings.count(hosts.count, "host")
        guard HostList.ranges(hosts).count > 4 else { return "\(count): <code>\(e(HostList.compact(hosts)))</code>" }
        return
            "<details><summary>\(count): <code>\(e(HostList.compact(hosts, limit: 4)))</code></summary><code>\(e(HostList.compact(hosts)))</code></details>"
    }

    private static func changes(_ changes: [DriftChange], hosts: [String]?) -> String {
        let e: (String) -> String = { MarkupText.escaped($0) }
        let on = hosts.map { "<code>\(e(HostList.compact($0, limit: 3)))</code>: " } ?? ""
        let title = on + e(changes.map(\.summary).joined(separator: "; "))
        let diffs = changes.filter { !$0.diff.isEmpty }.map { "<pre>" + diffLines($0.diff) + "</pre>" }
        return diffs.isEmpty
            ? "<div>\(title)</div>"
            : "<details><summary>\(title)</summary>\n" + diffs.joined(separator: "\n") + "\n</details>"
    }

    private static func diffLines(_ diff: String) -> String {
        TextLines.split(diff).dropLast().map { line in
            let text = MarkupText.escaped(String(line))
            if line.hasPrefix("+++") || line.hasPrefix("---") { return text }
            if line.hasPrefix("+") { return "<span class=\"add\">\(text)</span>" }
            if line.hasPrefix("-") { return "<span class=\"del\">\(text)</span>" }
            if line.hasPrefix("@@") { return "<span class=\"hunk\">\(text)</span>" }
            return text
        }.joined(separator: "\n")
    }

    private static func resolvedTable(_ groups: [ResolvedGroup], _ report: DriftReport) -> String {
        let e: (String) -> String = { MarkupText.escaped($0) }
        return groups.isEmpty
            ? ""
            : table(
                "Resolved since the previous run", "resolved", ["step", "hosts", "had drifted"],
                groups.map { group in
                    "<tr><td><b>\(e(group.kind)): \(e(group.name))</b><br><span class=\"since\">\(e(group.play))</span></td><td>\(hostCell(group.hosts))</td>"
                        + "<td class=\"since\">\(e(RelativeAge.since(group.since, now: report.run)))</td></tr>\n"
                })
    }

    private static func uncheckedTable(_ hosts: [HostReport], _ report: DriftReport) -> String {
        let e: (String) -> String = { MarkupText.escaped($0) }
        return hosts.isEmpty
            ? ""
            : table(
                "Not checked", "unchecked", ["host", "status", "down", "reason"],
                hosts.map { host in
                    "<tr><td><code>\(e(host.host))</code></td><td>\(host.status.rawValue)</td><td class=\"since\">\(e(DownTime.text(host, now: report.run)))</td>"
                        + "<td>\(e(host.reason ?? ""))</td></tr>\n"
                })
    }
}
