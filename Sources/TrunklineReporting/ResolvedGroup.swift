/// A step whose drift is gone on one or more hosts, reported once with its hosts.
public struct ResolvedGroup: Sendable, Equatable {
    /// The step's play, kind and name.
    public var play: String
    public var kind: String
    public var name: String
    /// The hosts where it was resolved, in inventory order.
    public var hosts: [String]
    /// The earliest run since which it had drifted on them.
    public var since: RunReference

    /// The groups of `resolved`, one per step, most hosts first.
    public static func groups(_ resolved: [ResolvedDrift]) -> [ResolvedGroup] {
        var order: [String] = [], byKey: [String: ResolvedGroup] = [:]
        for drift in resolved {
            let key = "\(drift.play) / \(drift.kind): \(drift.name)"
            if var group = byKey[key] {
                group.hosts.append(drift.host)
                if drift.since.startedAt < group.since.startedAt { group.since = drift.since }
                byKey[key] = group
            } else {
                order.append(key)
                byKey[key] = ResolvedGroup(
                    play: drift.play, kind: drift.kind, name: drift.name, hosts: [drift.host], since: drift.since)
            }
        }
        return order.compactMap { byKey[$0] }.enumerated()
            .sorted { ($0.element.hosts.count, -$0.offset) > ($1.element.hosts.count, -$1.offset) }.map(\.element)
    }
}
