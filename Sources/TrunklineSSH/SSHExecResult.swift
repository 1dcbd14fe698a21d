/// What a remote command produced: both streams as bytes, and how it ended.
public struct SSHExecResult: Sendable, Equatable {
    /// Everything the command wrote to standard output.
    public var stdout: [UInt8]
    /// Everything the command wrote to standard error.
    public var stderr: [UInt8]
    /// The exit status, if the command exited normally.
    public var exitStatus: Int32?
    /// The signal name without `SIG` (`KILL`, `TERM`), if the command was killed by one.
    public var exitSignal: String?
}
