/// A channel a bastion opened to a host, as the local socket an `SSHSession` runs its
/// handshake on (`SSHSession.connect(host:port:configuration:over:deadline:)`).
public struct SSHTunnel: Sendable {
    /// The end of the socket pair that the tunneled session reads and writes.
    let descriptor: Int32
}
