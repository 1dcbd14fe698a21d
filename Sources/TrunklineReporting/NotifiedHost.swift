/// A host not checked, in a notification: why, and since which run.
public struct NotifiedHost: Sendable, Encodable, Equatable {
    /// The host.
    public var host: String
    /// `unreachable` or `failed`, and why.
    public var status: String
    public var reason: String?
    /// The first run of the unbroken series that did not check it.
    public var downSince: String?

    enum CodingKeys: String, CodingKey {
        case host, status, reason
        case downSince = "down_since"
    }
}
