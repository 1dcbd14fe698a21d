/// A step that drifts on one or more hosts, reported once: the hosts, since when, and its
/// changes, shared when identical on every host, else one variant per distinct set of changes.
public struct DriftGroup: Sendable, Equatable {
    /// The step's play, position, kind and name.
    public var play: String
    public var index: Int
    public var kind: String
    public var name: String
    /// The hosts it drifts on, in inventory order.
    public var members: [DriftGroupMember]
    /// The distinct changes, most hosts first; one when every host's diff is the same.
    public var variants: [DriftVariant]

    /// The groups of `entries` (host and entry pairs), one per step key, most hosts first.
    public static func groups(_ entries: [(host: String, entry: DriftEntry)]) -> [DriftGroup] {
        var order: [String] = [], byKey: [String: DriftGroup] = [:]
        for (host, entry) in entries {
            let key = entry.step.key
            if byKey[key] == nil {
                order.append(key)
                byKey[key] = DriftGroup(
                    play: entry.step.play, index: entry.step.index, kind: entry.step.kind, name: entry.step.name,
                    members: [], variants: [])
            }
            byKey[key]?.add(host, entry)
        }
        return order.compactMap { byKey[$0] }.enumerated()
            .sorted { ($0.element.members.count, -$0.offset) > ($1.element.members.count, -$1.offset) }.map(\.element)
    }

    private mutating func add(_ host: String, _ entry: DriftEntry) {
        members.append(DriftGroupMember(host: host, since: entry.since))
        if let index = variants.firstIndex(where: { $0.changes == entry.step.changes }) {
            variants[index].hosts.append(host)
        } else {
            variants.append(DriftVariant(changes: entry.step.changes, hosts: [host]))
        }
        variants.sort { $0.hosts.count > $1.hosts.count }
    }

    /// The hosts, in inventory order.
    public var hosts: [String] { members.map(\.host) }

    /// The earliest "since" of its hosts.
    public var since: RunReference { members.map(\.since).min { $0.startedAt < $1.startedAt }! }

    /// True when every host has the same changes.
    public var isShared: Bool { variants.count == 1 }
}
