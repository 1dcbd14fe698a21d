import TrunklinePlaybook

/// How a run rolls out over the fleet, where the command line overrides a play's settings:
/// batches, the failure budget, the confirmation and lock waits, connection retries and where
/// the run's record goes.
public struct RolloutSettings: Sendable {
    /// `--serial`: batches for every play, over each play's `serial:`.
    public var serial: SerialSpec?
    /// `--max-fail-percentage`, over each play's.
    public var maxFailPercentage: Double?
    /// `--confirm-timeout` in seconds, over each play's.
    public var confirmTimeout: Int?
    /// Seconds an apply waits for another run's lock on a host.
    public var lockTimeout: Int
    /// Retries of a connection that fails for want of the network.
    public var retries: Int
    /// The directory runs are recorded in.
    public var runsDirectory: String
    /// Whether the command line named `runsDirectory` (errors then name the flag).
    public var runsDirectoryGiven: Bool
    /// How many earlier runs' directories are kept.
    public var retention: RunRetention

    /// Settings with the defaults for what is not given.
    public init(
        serial: SerialSpec? = nil, maxFailPercentage: Double? = nil, confirmTimeout: Int? = nil, lockTimeout: Int = 60,
        retries: Int = 0, runsDirectory: String, runsDirectoryGiven: Bool = false, retention: RunRetention = .standard
    ) {
        self.serial = serial
        self.maxFailPercentage = maxFailPercentage
        self.confirmTimeout = confirmTimeout
        self.lockTimeout = lockTimeout
        self.retries = retries
        self.runsDirectory = runsDirectory
        self.runsDirectoryGiven = runsDirectoryGiven
        self.retention = retention
    }

    /// The batches for a play: `--serial`, else the play's own.
    public func serial(for play: Play) -> SerialSpec? {
        serial ?? play.serial
    }

    /// The failure budget for a play: `--max-fail-percentage`, else the play's, else 0.
    public func maxFailPercentage(for play: Play) -> Double {
        maxFailPercentage ?? play.maxFailPercentage ?? 0
    }

    /// How long a host waits for the confirmation of a network change: `--confirm-timeout`,
    /// else the play's, else 60 s.
    public func confirmTimeout(for play: Play) -> Int {
        confirmTimeout ?? play.confirmTimeout ?? 60
    }
}
