/// One thing an SSH connection did, for `-vvv`'s trace. No event holds a secret: credentials
/// are named by their label (`key PATH`, `password`), and an exec is its argv (as given, before
/// any sudo wrapper) and the sizes of its input and output, never their bytes.
public enum ConnectionEvent: Sendable, Equatable {
    /// The TCP connection is open to `address`:`port`, through `jumpHosts` (first hop first).
    case connected(address: String, port: Int, jumpHosts: [String])
    /// The SSH handshake is done and the host's key (`type`, `fingerprint`) passed the check `policy` makes.
    case handshake(keyType: String, fingerprint: String, policy: HostKeyPolicy)
    /// `user` logged in with `method`.
    case authenticated(user: String, method: String)
    /// A command ran: its argv, whether through sudo, the bytes of stdin it was given, its exit
    /// status (nil when a signal ended it) and the bytes it wrote to stdout and stderr.
    case exec(argv: [String], become: Bool, stdinBytes: Int, exitStatus: Int32?, stdoutBytes: Int, stderrBytes: Int)
    /// A command could not be run or finished: why.
    case execFailed(argv: [String], reason: String)
    /// The connection was closed.
    case closed
}
