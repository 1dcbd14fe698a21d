import Foundation
import GRDB
import Testing

@testable import TrunklineReporting

/// Schema v2 keeps since when each drift exists in its row; a v1 history gets them on opening.
@Suite("Drift history: a v1 history migrated to v2 reports as if it had been v2 all along")
struct HistoryMigrationTests {
    /// Makes the history at `path` a v1 one again: the v2 columns and table and the migration's record gone.
    static func downgrade(_ path: String) throws {
        let database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(
                sql:
                    "ALTER TABLE stepDrift DROP COLUMN sinceSeq; ALTER TABLE hostResult DROP COLUMN downSinceSeq; DROP TABLE hostLatest"
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2'")
        }
        try database.close()
    }

    @Test("the next run's since, new, resolved and down-since are the same on the migrated copy")
    func backfilled() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let copy = (fleet.path as NSString).deletingLastPathComponent + "/v1.sqlite"
        try FileManager.default.copyItem(atPath: fleet.path, toPath: copy)
        try Self.downgrade(copy)
        #expect(
            try DatabaseQueue(path: copy).read { try $0.columns(in: "stepDrift").map(\.name) }.contains("sinceSeq")
                == false)
        let migrated = try DriftHistory(path: copy)
        let night = FleetFixture.run(6, playbook: "site.yml", hosts: FleetFixture.hosts)
        let expected = try fleet.history.record(night), report = try migrated.record(night)
        #expect(report == expected)
        #expect(
            report.hosts[399].downSince?.id == "night2" && report.hosts[0].drifts[0].since.id == "night1"
                && report.summary.resolved == 12)
    }
}
