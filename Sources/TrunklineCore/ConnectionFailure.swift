/// Why a host could not be reached or used, in the categories an operator acts on.
public struct ConnectionFailure: Error, Sendable, CustomStringConvertible {
    /// The category of the failure.
    public enum Kind: String, Sendable, Codable {
        /// No TCP connection, no SSH handshake, or the connection dropped.
        case unreachable
        /// A deadline passed.
        case timeout
        /// The host key was unknown or changed.
        case hostKey = "host key refused"
        /// Authentication failed.
        case authentication = "auth failed"
        /// The connection works, but an operation on it failed (a channel).
        case operation
    }

    /// The category of the failure.
    public var kind: Kind
    /// The host it happened on.
    public var host: String
    /// The full explanation.
    public var message: String

    /// Creates a failure.
    public init(kind: Kind, host: String, message: String) {
        self.kind = kind
        self.host = host
        self.message = message
    }

    public var description: String { message }
}
