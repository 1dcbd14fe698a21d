/// A connected host: what the engine needs of a transport. The SSH transport implements it
/// over one reused session; unit tests use a fake.
public protocol RemoteHost: AnyObject, Sendable {
    /// The host's name as the inventory or command line calls it.
    var name: String { get }

    /// Runs a command (with privilege escalation if the connection asked for it).
    func run(_ command: RemoteCommand) async throws -> CommandOutput

    /// The bytes of `path`.
    func readFile(_ path: String) async throws -> [UInt8]

    /// Replaces `path` atomically: written to a temporary name in the same directory with
    /// `attributes`, then renamed over the target, so a dropped connection never leaves
    /// a half-written file.
    func writeFile(_ path: String, contents: [UInt8], attributes: FileAttributes) async throws

    /// Closes the connection.
    func close() async
}
