/// How an `SSHSession` connects and checks the server.
public struct SSHConfiguration: Sendable {
    /// Deadline for name resolution, the TCP connection and the SSH handshake together.
    public var connectTimeout: Duration
    /// Deadline for each authentication attempt.
    public var operationTimeout: Duration
    /// How the host key is checked.
    public var hostKeyPolicy: HostKeyPolicy
    /// known_hosts files; the first one receives keys recorded under `accept-new`.
    public var knownHostsFiles: [String]
    /// The name the host key is looked up and recorded under instead of the host's address and
    /// port (OpenSSH's `HostKeyAlias`: the alias alone, with no port), if any.
    public var hostKeyAlias: String?
    /// Seconds between keepalives (OpenSSH's `ServerAliveInterval`): sent on an idle session,
    /// and while a command runs without sending anything; 0 turns them off.
    public var keepaliveInterval: Int
    /// How many keepalives in a row a running command's connection may leave unanswered (no
    /// byte from the server: no output, no keepalive answer) before it is taken as dead
    /// (OpenSSH's `ServerAliveCountMax`); 0 turns the check off.
    public var keepaliveCountMax: Int

    /// How long a running command's connection may stay silent before it is taken as dead:
    /// `(keepaliveCountMax + 1) × keepaliveInterval`, as OpenSSH counts (a keepalive goes out
    /// after each silent interval, and the connection dies at the interval after the last
    /// unanswered one), or nil when either is 0. libssh2 sends keepalives at most every 2 s, so
    /// an interval of 1 counts as 2.
    public var livenessBound: Duration? {
        guard keepaliveInterval > 0, keepaliveCountMax > 0 else { return nil }
        return .seconds(max(2, keepaliveInterval) * (keepaliveCountMax + 1))
    }

    /// Creates a configuration.
    public init(
        connectTimeout: Duration = .seconds(10),
        operationTimeout: Duration = .seconds(60),
        hostKeyPolicy: HostKeyPolicy = .strict,
        knownHostsFiles: [String],
        keepaliveInterval: Int = 15,
        keepaliveCountMax: Int = 3,
        hostKeyAlias: String? = nil
    ) {
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.hostKeyPolicy = hostKeyPolicy
        self.knownHostsFiles = knownHostsFiles
        self.keepaliveInterval = keepaliveInterval
        self.keepaliveCountMax = keepaliveCountMax
        self.hostKeyAlias = hostKeyAlias
    }
}
