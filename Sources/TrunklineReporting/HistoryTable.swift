/// The history as a compact per-night table: when, hosts by status, and new, resolved and
/// still-drifting steps, one line per run, oldest first.
public enum HistoryTable {
    static let headers = ["run", "started", "hosts", "in sync", "drifted", "unreachable", "failed", "new", "resolved", "still drifting"]

    /// The table's text, columns aligned.
    public static func render(_ nights: [FleetNight]) -> String {
        let rows = [headers] + nights.map { night in
            [night.run.id, ReportTime.text(night.run.startedAt)] + [night.hosts, night.inSync, night.drifted, night.unreachable, night.failed,
                                                                   night.new, night.resolved, night.stillDrifting].map(String.init)
        }
        let widths = headers.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
