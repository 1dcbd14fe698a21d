/// What a report tells its reader, in the order an operator reads it at 7am, as data the
/// HTML and Markdown renderings share: a headline answering "is anything new?", the new drifts
/// grouped by step, the drifts seen before grouped by step, the resolved drifts, and the hosts
/// not checked (down the longest first).
public struct DriftFindings: Sendable, Equatable {
    /// One line: what is new first, then what is still there.
    public var headline: String
    /// True when this run found a new drift, a resolved one, or a host newly down.
    public var hasNews: Bool
    /// Steps that drift for the first time on their hosts.
    public var new: [DriftGroup]
    /// Steps that drifted already in earlier runs.
    public var ongoing: [DriftGroup]
    /// Steps whose drift is gone.
    public var resolved: [ResolvedGroup]
    /// Hosts unreachable or failed, down the longest first.
    public var unchecked: [HostReport]

    /// The findings of `report`.
    public init(_ report: DriftReport) {
        let entries = report.hosts.flatMap { host in host.drifts.map { (host: host.host, entry: $0) } }
        new = DriftGroup.groups(entries.filter(\.entry.isNew))
        ongoing = DriftGroup.groups(entries.filter { !$0.entry.isNew })
        resolved = ResolvedGroup.groups(report.resolved)
        unchecked = report.hosts.enumerated().filter { !$0.element.status.wasChecked }
            .sorted {
                (($0.element.downSince ?? report.run).startedAt, $0.offset) < (
                    ($1.element.downSince ?? report.run).startedAt, $1.offset
                )
            }
            .map(\.element)
        let newlyDown = unchecked.filter { ($0.downSince ?? report.run) == report.run }.count
        hasNews = !new.isEmpty || !resolved.isEmpty || newlyDown > 0
        headline = Self.headline(report, new: new, resolved: resolved, newlyDown: newlyDown, unchecked: unchecked.count)
    }

    private static func headline(
        _ report: DriftReport, new: [DriftGroup], resolved: [ResolvedGroup], newlyDown: Int, unchecked: Int
    ) -> String {
        let summary = report.summary
        var news: [String] = []
        if summary.new > 0 {
            news.append("\(count(new.count, "drift")) on \(count(Set(new.flatMap(\.hosts)).count, "host"))")
        }
        if summary.resolved > 0 {
            news.append(
                "\(count(resolved.count, "drift")) resolved on \(count(Set(resolved.flatMap(\.hosts)).count, "host"))")
        }
        if newlyDown > 0 { news.append("\(count(newlyDown, "host")) newly not checked") }
        let lead = news.isEmpty ? "Nothing new" : "New: " + news.joined(separator: ", ")
        var state =
            summary.drifted == 0
            ? ["every checked host in sync"] : ["\(summary.drifted) drifted (\(count(summary.driftedSteps, "step")))"]
        if unchecked > 0 { state.append("\(unchecked) not checked") }
        return "\(lead). \(count(summary.hosts, "host")): " + state.joined(separator: ", ") + "."
    }

    /// "1 host", "3 hosts".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
