/// A ProxyJump value that `JumpHost.list` cannot read.
public struct JumpSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole value as written.
    public var spec: String
    /// The hop that is wrong, as written.
    public var hop: String
    /// What is wrong with it.
    public var reason: String

    /// Creates an error.
    public init(spec: String, hop: String, reason: String) {
        self.spec = spec
        self.hop = hop
        self.reason = reason
    }

    public var description: String { "invalid ProxyJump '\(spec)': '\(hop)': \(reason)" }
}
