/// A command to run on a host: an argv array (quoted in one place, `ShellWord`), its input,
/// and a deadline.
public struct RemoteCommand: Sendable, Equatable {
    /// The program and its arguments.
    public var argv: [String]
    /// Bytes fed to the command's standard input.
    public var stdin: [UInt8]
    /// How long the command may run.
    public var timeout: Duration

    /// Creates a command.
    public init(_ argv: [String], stdin: [UInt8] = [], timeout: Duration = .seconds(600)) {
        self.argv = argv
        self.stdin = stdin
        self.timeout = timeout
    }
}
