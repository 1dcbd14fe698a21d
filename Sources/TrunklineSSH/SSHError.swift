/// A failure of the SSH layer, naming the host it happened on.
///
/// `code` says what kind of failure it is, so that callers can tell an unreachable
/// host from a refused host key or failed authentication; `libssh2Code` and
/// `message` carry what libssh2 (`libssh2_session_last_error`) said, when it said anything.
public struct SSHError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// Name resolution or the TCP connection failed.
        case unreachable
        /// A deadline passed before the operation finished.
        case timedOut
        /// The SSH handshake failed (not an SSH server, protocol error, connection dropped).
        case handshakeFailed
        /// The server's host key is not in known_hosts and the policy refuses unknown keys.
        case hostKeyUnknown
        /// The server's host key differs from the one recorded in known_hosts.
        case hostKeyChanged
        /// The known_hosts file could not be read or written.
        case knownHostsUnusable
        /// Every authentication method failed.
        case authenticationFailed
        /// A channel could not be opened or used.
        case channelFailed
        /// The connection was closed or broke while in use.
        case disconnected
    }

    /// What kind of failure this is.
    public var code: Code
    /// The host (as the user wrote it) the failure happened on.
    public var host: String
    /// A human-readable explanation, including libssh2's message where there is one.
    public var message: String
    /// The libssh2 error number (`LIBSSH2_ERROR_*`), if libssh2 reported one.
    public var libssh2Code: Int32?

    /// Creates an error.
    public init(_ code: Code, host: String, message: String, libssh2Code: Int32? = nil) {
        self.code = code
        self.host = host
        self.message = message
        self.libssh2Code = libssh2Code
    }

    public var description: String {
        let suffix = libssh2Code.map { " (libssh2 error \($0))" } ?? ""
        return "\(host): \(message)\(suffix)"
    }
}
