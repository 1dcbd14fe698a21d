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
    /// Seconds between keepalives on an idle session; 0 turns them off.
    public var keepaliveInterval: Int

    /// Creates a configuration.
    public init(
        connectTimeout: Duration = .seconds(10),
        operationTimeout: Duration = .seconds(60),
        hostKeyPolicy: HostKeyPolicy = .strict,
        knownHostsFiles: [String],
        keepaliveInterval: Int = 30
    ) {
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.hostKeyPolicy = hostKeyPolicy
        self.knownHostsFiles = knownHostsFiles
        self.keepaliveInterval = keepaliveInterval
    }
}
