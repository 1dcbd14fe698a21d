/// A drift the host's previous checked run saw and this run no longer sees.
public struct ResolvedDrift: Sendable, Codable, Equatable {
    /// The host.
    public var host: String
    /// The step's play, kind and name.
    public var play: String
    public var kind: String
    public var name: String
    /// Since when it had drifted.
    public var since: RunReference

    /// Creates a resolved drift.
    public init(host: String, play: String, kind: String, name: String, since: RunReference) {
        self.host = host
        self.play = play
        self.kind = kind
        self.name = name
        self.since = since
    }
}
