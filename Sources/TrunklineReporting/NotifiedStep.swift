/// A step in a notification, and the hosts it concerns.
public struct NotifiedStep: Sendable, Encodable, Equatable {
    /// The step's play, kind and name.
    public var play: String
    public var kind: String
    public var name: String
    /// The hosts, in inventory order.
    public var hosts: [String]

    /// "kind: name on 12 hosts: hv001–hv012", at most five ranges of hosts.
    var line: String {
        "\(kind): \(name) on \(DriftFindings.count(hosts.count, "host")): \(HostList.compact(hosts, limit: 5))"
    }
}
