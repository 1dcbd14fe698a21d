import GRDB

/// A row of the history's `hostResult` table: what one run saw on one host.
public struct HostResultRecord: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "hostResult"

    public var runSeq: Int
    public var host: String
    public var status: String
    public var reason: String?
    /// For a host not checked, the first run of the series of runs, ending with this one, that
    /// did not check it (nil for a checked host).
    public var downSinceSeq: Int?

    /// The status as a value (rows from a newer schema read as failed).
    public var hostStatus: HostStatus { HostStatus(rawValue: status) ?? .failed }
}
