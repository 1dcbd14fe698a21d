/// The report as one self-contained HTML page (inline CSS, no scripts, no external assets):
/// the counts, a table of drifted hosts whose steps and diffs fold open (`<details>`), the hosts
/// not checked with their reasons, and the resolved drifts.
public enum DriftHTML {
    /// The page.
    public static func render(_ report: DriftReport) -> String {
        let e = MarkupText.escape
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
            <p class="meta">Run <code>\(e(report.run.id))</code> · \(e(ReportTime.text(report.run.startedAt))) · playbook <code>\(e(report.playbook))</code> · inventory <code>\(e(report.inventory))</code> · \(e(String(format: "%.1f", report.durationSeconds))) s</p>

            """
        html += cards(report.summary)
        html += driftedTable(report)
        html += uncheckedList(report)
        html += resolvedList(report)
        html += "</body>\n</html>\n"
        return html
    }

    private static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2em;color:#1d232a;background:#fbfbfc}
        h1{margin:0 0 .2em}h2{margin-top:1.6em}.meta{color:#5b6470}
        .cards{display:flex;gap:1em;flex-wrap:wrap}.card{padding:.8em 1.2em;border-radius:8px;background:#fff;border:1px solid #dde1e6;min-width:7em}
        .card b{display:block;font-size:1.8em}.c-in_sync b{color:#1a7f37}.c-drifted b{color:#b35900}.c-unreachable b,.c-failed b{color:#c62828}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #dde1e6;padding:.4em .6em;text-align:left;vertical-align:top}
        th{background:#f0f2f5}details{margin:.2em 0}summary{cursor:pointer}
        pre{background:#f6f8fa;padding:.6em;overflow-x:auto;margin:.3em 0}.add{color:#1a7f37}.del{color:#c62828}.hunk{color:#6f42c1}
        .new{background:#fff3cd;border-radius:4px;padding:0 .3em;font-size:.85em}.since{color:#5b6470;font-size:.9em}
        """

    private static func cards(_ summary: DriftSummary) -> String {
        let cards = [("hosts", "hosts", summary.hosts), ("in_sync", "in sync", summary.inSync), ("drifted", "drifted", summary.drifted),
                     ("unreachable", "unreachable", summary.unreachable), ("failed", "failed", summary.failed),
                     ("steps", "drifted steps", summary.driftedSteps), ("new", "new", summary.new), ("resolved", "resolved", summary.resolved)]
        return "<div class=\"cards\">\n" + cards.map { "<div class=\"card c-\($0.0)\"><b>\($0.2)</b>\($0.1)</div>" }.joined(separator: "\n") + "\n</div>\n"
    }

    private static func driftedTable(_ report: DriftReport) -> String {
        let drifted = report.hosts(.drifted)
        guard !drifted.isEmpty else { return "<h2>Drifted hosts</h2>\n<p>None: every host that answered is in sync.</p>\n" }
        var html = "<h2>Drifted hosts</h2>\n<table>\n<tr><th>host</th><th>steps that drift</th></tr>\n"
        for host in drifted {
            html += "<tr><td><code>\(MarkupText.escape(host.host))</code></td><td>\n"
            html += host.drifts.map(stepDetails).joined()
            html += "</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func stepDetails(_ entry: DriftEntry) -> String {
        let e = MarkupText.escape
        var html = "<details><summary><b>\(e(entry.step.kind)): \(e(entry.step.name))</b> "
            + (entry.isNew ? "<span class=\"new\">new</span>" : "<span class=\"since\">\(e(ReportTime.since(entry)))</span>")
            + " <span class=\"since\">(\(e(entry.step.play)))</span></summary>\n<ul>\n"
        for change in entry.step.changes {
            html += "<li>\(e(change.summary))"
            if !change.diff.isEmpty { html += "\n<pre>" + diffLines(change.diff) + "</pre>" }
            html += "</li>\n"
        }
        return html + "</ul>\n</details>\n"
    }

    private static func diffLines(_ diff: String) -> String {
        diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            let text = MarkupText.escape(String(line))
            if line.hasPrefix("+++") || line.hasPrefix("---") { return text }
            if line.hasPrefix("+") { return "<span class=\"add\">\(text)</span>" }
            if line.hasPrefix("-") { return "<span class=\"del\">\(text)</span>" }
            if line.hasPrefix("@@") { return "<span class=\"hunk\">\(text)</span>" }
            return text
        }.joined(separator: "\n")
    }

    private static func uncheckedList(_ report: DriftReport) -> String {
        let unchecked = report.hosts.filter { !$0.status.wasChecked }
        guard !unchecked.isEmpty else { return "" }
        return "<h2>Not checked</h2>\n<table>\n<tr><th>host</th><th>status</th><th>reason</th></tr>\n"
            + unchecked.map { "<tr><td><code>\(MarkupText.escape($0.host))</code></td><td>\($0.status.rawValue)</td><td>\(MarkupText.escape($0.reason ?? ""))</td></tr>\n" }.joined()
            + "</table>\n"
    }

    private static func resolvedList(_ report: DriftReport) -> String {
        guard !report.resolved.isEmpty else { return "" }
        return "<h2>Resolved since the previous run</h2>\n<ul>\n"
            + report.resolved.map {
                "<li><code>\(MarkupText.escape($0.host))</code> \(MarkupText.escape("\($0.kind): \($0.name)")) <span class=\"since\">(drifted since \(MarkupText.escape(ReportTime.text($0.since.startedAt))))</span></li>\n"
            }.joined()
            + "</ul>\n"
    }
}
