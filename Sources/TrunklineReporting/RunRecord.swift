import Foundation
import GRDB

/// A row of the history's `run` table: one drift run and its counts.
public struct RunRecord: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "run"

    /// The run's order in the history, from 1.
    public var seq: Int
    public var id: String
    public var startedAt: Date
    public var finishedAt: Date
    public var playbook: String
    public var inventory: String
    public var hosts: Int
    public var inSync: Int
    public var drifted: Int
    public var unreachable: Int
    public var failed: Int
    public var driftedSteps: Int
    public var exitCode: Int

    /// The reference a report uses.
    public var reference: RunReference { RunReference(id: id, startedAt: startedAt) }
}
