import GRDB

/// A row of the history's `hostLatest` table: for one host in the runs of one playbook on one
/// inventory, its last run and its last checked run, so a new run finds each host's past
/// through the primary keys instead of scanning the history.
struct HostLatestRecord: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "hostLatest"

    var playbook: String
    var inventory: String
    var host: String
    var lastSeq: Int
    /// Nil while no run has checked the host.
    var lastCheckedSeq: Int?

    /// How a run's rows update the table: the last run always, the last checked run when it checked the host.
    static let upsert = """
        ON CONFLICT(playbook, inventory, host) DO UPDATE SET lastSeq = excluded.lastSeq,
            lastCheckedSeq = COALESCE(excluded.lastCheckedSeq, hostLatest.lastCheckedSeq)
        """
}
