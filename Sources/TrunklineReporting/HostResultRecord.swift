import GRDB

/// A row of the history's `hostResult` table: what one run saw on one host.
public struct HostResultRecord: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "hostResult"

    public var runSeq: Int
    public var host: String
    public var status: String
    public var reason: String?

    /// The status as a value (rows from a newer schema read as failed).
    public var hostStatus: HostStatus { HostStatus(rawValue: status) ?? .failed }
}
