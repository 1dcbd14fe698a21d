import TrunklinePlaybook

/// A play with every selected host's steps built, before any connection.
public struct PreparedPlay: Sendable {
    /// The play.
    public let play: Play
    /// Its hosts, in inventory order.
    public let hosts: [PendingHost]

    /// A play with its hosts.
    public init(play: Play, hosts: [PendingHost]) {
        self.play = play
        self.hosts = hosts
    }
}
