import TrunklineCore
import TrunklineSSH

/// Everything needed to connect to and log in on a host, besides its address.
/// Secrets (passwords, passphrases) are held here and never printed.
public struct ConnectionSettings: Sendable, Hashable {
    /// The login user when the host does not name one.
    public var user: String
    /// The port when the host does not name one.
    public var port: Int
    /// Private key files to try, in order.
    public var identityFiles: [String]
    /// The passphrase for encrypted private keys.
    public var keyPassphrase: String?
    /// The ssh-agent socket to try first (usually `SSH_AUTH_SOCK`), if any.
    public var agentSocket: String?
    /// The login password, tried after keys.
    public var password: String?
    /// known_hosts files; the first one receives keys recorded under `accept-new`.
    public var knownHostsFiles: [String]
    /// How host keys are checked.
    public var hostKeyPolicy: HostKeyPolicy
    /// Deadline for connecting and the handshake.
    public var connectTimeout: Duration
    /// Seconds between keepalives (`ServerAliveInterval`), on idle sessions and under silent
    /// commands; 0 turns them off.
    public var keepaliveInterval: Int
    /// How many keepalive intervals a running command's connection may stay silent before it is
    /// taken as dead (`ServerAliveCountMax`); 0 turns the check off.
    public var keepaliveCountMax = 3
    /// The name known_hosts holds the host's key under instead of its address (`HostKeyAlias`).
    public var hostKeyAlias: String?
    /// Whether commands and file writes run as root through sudo.
    public var become: Bool
    /// The sudo password (`sudo -S`); without it `sudo -n` is used.
    public var becomePassword: String?
    /// The OpenSSH client configuration whose Host and Match blocks apply (read by the
    /// commands through `ssh -G`; the transport itself does not read it).
    public var sshConfigFile: String?
    /// The jump hosts (ProxyJump) the host is reached through, first hop first; empty for a
    /// direct connection. Every hop's key is checked on its own as `hostKeyPolicy` says, and
    /// every hop logs in with these credentials.
    public var jumpHosts: [JumpHost] = []
    /// The most tunnels one bastion session carries; more hosts behind a bastion open more sessions.
    public var channelsPerJumpSession = 10
    /// The command line's `--ssh-common-args` and `--ssh-extra-args`, for hosts whose variables
    /// do not set `ansible_ssh_common_args` or `ansible_ssh_extra_args` themselves.
    public var sshArguments: [SSHArgumentsOption: String] = [:]
    /// Where every connection's events go (`-vvv`), if anywhere.
    public var trace: ConnectionTrace?

    /// Creates settings.
    public init(
        user: String, port: Int = 22, identityFiles: [String] = [], keyPassphrase: String? = nil,
        agentSocket: String? = nil, password: String? = nil, knownHostsFiles: [String],
        hostKeyPolicy: HostKeyPolicy = .strict, connectTimeout: Duration = .seconds(10),
        keepaliveInterval: Int = 15, become: Bool = false, becomePassword: String? = nil
    ) {
        self.user = user
        self.port = port
        self.identityFiles = identityFiles
        self.keyPassphrase = keyPassphrase
        self.agentSocket = agentSocket
        self.password = password
        self.knownHostsFiles = knownHostsFiles
        self.hostKeyPolicy = hostKeyPolicy
        self.connectTimeout = connectTimeout
        self.keepaliveInterval = keepaliveInterval
        self.become = become
        self.becomePassword = becomePassword
    }

    /// The SSH layer's configuration: timeouts, host key checks, keepalives.
    var configuration: SSHConfiguration {
        SSHConfiguration(
            connectTimeout: connectTimeout, hostKeyPolicy: hostKeyPolicy, knownHostsFiles: knownHostsFiles,
            keepaliveInterval: keepaliveInterval, keepaliveCountMax: keepaliveCountMax, hostKeyAlias: hostKeyAlias)
    }

    /// The credentials to try, in order: agent, key files, password.
    var credentials: [SSHCredential] {
        var credentials: [SSHCredential] = agentSocket.map { [.agent(socket: $0)] } ?? []
        credentials += identityFiles.map { .privateKey(path: $0, passphrase: keyPassphrase) }
        if let password { credentials.append(.password(password)) }
        return credentials
    }
}
