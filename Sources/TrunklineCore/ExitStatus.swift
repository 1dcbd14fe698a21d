/// The exit statuses every command shares, as the README documents them. A run's status is
/// the union of what it found: `changed` (2) and `failed` (4) add up to 6.
public struct ExitStatus: Equatable, Sendable {
    /// The number the process exits with.
    public let code: Int32

    private init(_ code: Int32) {
        self.code = code
    }

    /// Nothing to change, everything reached.
    public static let ok = ExitStatus(0)
    /// Invalid input: nothing was contacted.
    public static let invalidInput = ExitStatus(1)
    /// Changes were found (check, drift) or made (apply).
    public static let changed = ExitStatus(2)
    /// Hosts failed, were unreachable or were not reached.
    public static let failed = ExitStatus(4)
    /// A usage error on the command line.
    public static let usage = ExitStatus(64)
    /// The run was interrupted (SIGINT or SIGTERM).
    public static let interrupted = ExitStatus(130)

    /// The status of a run that `changed` something and in which hosts `failed`: 0, 2, 4 or 6.
    public static func of(changed: Bool, failed: Bool) -> ExitStatus {
        ExitStatus((changed ? ExitStatus.changed.code : 0) + (failed ? ExitStatus.failed.code : 0))
    }
}
