/// The history as compact tables, one line per run, oldest first: how the fleet changed (hosts
/// by status, and new, resolved and still-drifting steps), and what each run saw on one host.
public enum HistoryTable {
    static let headers = [
        "run", "started", "hosts", "in sync", "drifted", "unreachable", "failed", "new", "resolved", "still drifting",
        "playbook",
    ]
    static let hostHeaders = ["run", "started", "status", "drifted steps or reason", "playbook"]

    /// The fleet's table, counts right-aligned.
    public static func render(_ nights: [FleetNight]) -> String {
        aligned(
            [headers]
                + nights.map { night in
                    [night.run.id, ReportTime.text(night.run.startedAt)]
                        + [
                            night.hosts, night.inSync, night.drifted, night.unreachable, night.failed,
                            night.new, night.resolved, night.stillDrifting,
                        ].map(String.init) + [night.playbook]
                }, leftAligned: [0, 1, 10])
    }

    /// One host's table: its status in each run, the steps that drifted or why it was not checked.
    public static func render(_ nights: [HostNight]) -> String {
        aligned(
            [hostHeaders]
                + nights.map { night in
                    [
                        night.run.id, ReportTime.text(night.run.startedAt), night.status.rawValue,
                        night.status.wasChecked ? night.drifts.joined(separator: "; ") : night.reason ?? "",
                        night.playbook,
                    ]
                }, leftAligned: Set(hostHeaders.indices))
    }

    /// The rows as text, two spaces between columns padded to their widest cell.
    private static func aligned(_ rows: [[String]], leftAligned: Set<Int>) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + padding : padding + cell
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
