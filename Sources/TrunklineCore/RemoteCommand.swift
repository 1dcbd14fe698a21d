/// A command to run on a host: an argv array (quoted in one place, `ShellWord`), its input,
/// a deadline and a bound on its output.
public struct RemoteCommand: Sendable, Equatable {
    /// The program and its arguments.
    public var argv: [String]
    /// Bytes fed to the command's standard input.
    public var stdin: [UInt8]
    /// How long the command may run.
    public var timeout: Duration
    /// How many bytes of output (standard output and error together) the command may send
    /// before it fails: a host cannot make the controller hold more than this per command.
    public var outputLimit: Int

    /// Creates a command.
    public init(_ argv: [String], stdin: [UInt8] = [], timeout: Duration = .seconds(600), outputLimit: Int = 64 << 20) {
        self.argv = argv
        self.stdin = stdin
        self.timeout = timeout
        self.outputLimit = outputLimit
    }
}
