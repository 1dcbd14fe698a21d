/// What a remote command produced: both streams as bytes (any size, not necessarily UTF-8),
/// and how it ended.
public struct CommandOutput: Sendable, Equatable {
    /// Everything written to standard output.
    public var stdout: [UInt8]
    /// Everything written to standard error.
    public var stderr: [UInt8]
    /// The exit status, if the command exited.
    public var exitStatus: Int32?
    /// The signal that ended the command (`KILL`, `TERM`), if one did.
    public var exitSignal: String?

    /// Creates an output.
    public init(stdout: [UInt8], stderr: [UInt8], exitStatus: Int32?, exitSignal: String?) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitStatus = exitStatus
        self.exitSignal = exitSignal
    }

    /// True when the command exited with status 0.
    public var succeeded: Bool { exitStatus == 0 }

    /// Standard output as text; bytes that are not UTF-8 become U+FFFD.
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Standard error as text; bytes that are not UTF-8 become U+FFFD.
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// `exit N` or `killed by SIGNAME`, for reports.
    public var endDescription: String {
        if let exitSignal { return "killed by SIG\(exitSignal)" }
        return exitStatus.map { "exit \($0)" } ?? "no exit status"
    }
}
