import Foundation
import GRDB

/// The drift history: every run's per-host and per-step results in an SQLite database (GRDB),
/// from which a report learns, for each drift, since which run it exists, whether it is new,
/// and which drifts are resolved.
///
/// A drift's "since" is the first run of the unbroken series of the host's checked runs (in
/// sync or drifted) that saw it; runs where the host was unreachable or failed neither break
/// nor extend the series. "Resolved" compares with the host's last checked run.
public final class DriftHistory: Sendable {
    private let database: DatabaseQueue

    /// Opens (creating if needed) the history at `path`, with its parent directory (0700).
    public convenience init(path: String) throws {
        try self.init(path: path, statements: nil)
    }

    /// Opens the history, passing the SQL of every statement it runs to `statements` (the tests
    /// count them).
    init(path: String, statements: (@Sendable (String) -> Void)?) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        var configuration = Configuration()
        if let statements {
            configuration.prepareDatabase { db in
                db.trace(options: .statement) { event in statements(event.description) }
            }
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        _ = chmod(path, 0o600)
        try Self.migrator.migrate(database)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: RunRecord.databaseTableName) { table in
                table.primaryKey("seq", .integer)
                table.column("id", .text).notNull().unique()
                table.column("startedAt", .datetime).notNull()
                table.column("finishedAt", .datetime).notNull()
                table.column("playbook", .text).notNull()
                table.column("inventory", .text).notNull()
                for count in ["hosts", "inSync", "drifted", "unreachable", "failed", "driftedSteps", "exitCode"] {
                    table.column(count, .integer).notNull()
                }
            }
            try db.create(table: HostResultRecord.databaseTableName) { table in
                table.column("runSeq", .integer).notNull().references(RunRecord.databaseTableName, onDelete: .cascade)
                table.column("host", .text).notNull()
                table.column("status", .text).notNull()
                table.column("reason", .text)
                table.primaryKey(["runSeq", "host"])
            }
            try db.create(
                index: "hostResultByHost", on: HostResultRecord.databaseTableName, columns: ["host", "runSeq"])
            try db.create(table: StepDriftRecord.databaseTableName) { table in
                table.column("runSeq", .integer).notNull().references(RunRecord.databaseTableName, onDelete: .cascade)
                table.column("host", .text).notNull()
                table.column("key", .text).notNull()
                table.column("play", .text).notNull()
                table.column("stepIndex", .integer).notNull()
                table.column("kind", .text).notNull()
                table.column("name", .text).notNull()
                table.column("changes", .text).notNull()
            }
            try db.create(index: "stepDriftByHost", on: StepDriftRecord.databaseTableName, columns: ["host", "runSeq"])
        }
        migrator.registerMigration("v2") { db in
            try db.alter(table: StepDriftRecord.databaseTableName) { $0.add(column: "sinceSeq", .integer) }
            try db.alter(table: HostResultRecord.databaseTableName) { $0.add(column: "downSinceSeq", .integer) }
            try db.create(table: HostLatestRecord.databaseTableName) { table in
                table.column("playbook", .text).notNull()
                table.column("inventory", .text).notNull()
                table.column("host", .text).notNull()
                table.column("lastSeq", .integer).notNull()
                table.column("lastCheckedSeq", .integer)
                table.primaryKey(["playbook", "inventory", "host"])
            }
            try HistoryBackfill.run(db)
        }
        return migrator
    }

    /// Records `run` and returns its report, with since/new/resolved from the earlier runs of
    /// the same playbook on the same inventory (so several drift timers can share one history).
    /// One transaction, whose statements do not grow with the fleet nor with the history: each
    /// host's last results are read through `hostLatest`, and the results inserted (and
    /// `hostLatest` updated) many rows to a statement.
    public func record(_ run: DriftRun) throws -> DriftReport {
        try database.write { db in
            let seq = (try RunRecord.select(max(Column("seq")), as: Int.self).fetchOne(db) ?? 0) + 1
            let past = try PastRuns(playbook: run.playbook, inventory: run.inventory, in: db)
            let this = RunReference(id: run.id, startedAt: run.startedAt)
            var hosts: [HostReport] = [], resolved: [ResolvedDrift] = [], results: [HostResultRecord] = [],
                drifts: [StepDriftRecord] = []
            var latest: [HostLatestRecord] = []
            for observation in run.observations {
                let host = past.hosts[observation.host] ?? HostPast()
                let records = try observation.drifts.map {
                    try StepDriftRecord(
                        runSeq: seq, host: observation.host, drift: $0, sinceSeq: host.sinceSeq(of: $0.key, this: seq))
                }
                let downSince = observation.status.wasChecked ? nil : host.downSince(this: seq)
                hosts.append(
                    Self.hostReport(
                        observation, drifts: records, downSince: downSince, runs: past, seq: seq, this: this))
                if observation.status.wasChecked {
                    resolved += Self.resolved(observation, past: host, runs: past, this: this)
                }
                results.append(
                    HostResultRecord(
                        runSeq: seq, host: observation.host, status: observation.status.rawValue,
                        reason: observation.reason,
                        downSinceSeq: downSince))
                drifts += records
                latest.append(
                    HostLatestRecord(
                        playbook: run.playbook, inventory: run.inventory, host: observation.host, lastSeq: seq,
                        lastCheckedSeq: observation.status.wasChecked ? seq : nil))
            }
            let report = DriftReport(run: run, hosts: hosts, resolved: resolved, previousRun: past.latest)
            try Self.insertRun(run, report: report, seq: seq, in: db)
            try BatchInsert.insert(results, in: db)
            try BatchInsert.insert(drifts, in: db)
            try BatchInsert.insert(latest, onConflict: HostLatestRecord.upsert, in: db)
            return report
        }
    }

    /// The report of one host in run `seq`: its drifts (their records giving since when) and
    /// since when it is down.
    private static func hostReport(
        _ observation: HostObservation, drifts records: [StepDriftRecord], downSince: Int?, runs: PastRuns,
        seq: Int, this: RunReference
    ) -> HostReport {
        let drifts = zip(observation.drifts, records).map { drift, record in
            DriftEntry(
                step: drift, since: runs.reference(record.sinceSeq ?? seq, this: this), isNew: record.sinceSeq == seq)
        }
        return HostReport(
            host: observation.host, status: observation.status, reason: observation.reason, drifts: drifts,
            inSyncSteps: observation.inSyncSteps, downSince: downSince.map { runs.reference($0, this: this) })
    }

    /// The drifts of the host's last checked run that this one does not see, in playbook order.
    private static func resolved(
        _ observation: HostObservation, past host: HostPast, runs: PastRuns, this: RunReference
    ) -> [ResolvedDrift] {
        let now = Set(observation.drifts.map(\.key))
        return host.drifts.values.filter { !now.contains($0.key) }.sorted { $0.stepIndex < $1.stepIndex }.map {
            record in
            ResolvedDrift(
                host: observation.host, play: record.play, kind: record.kind, name: record.name,
                since: runs.reference(record.sinceSeq ?? record.runSeq, this: this))
        }
    }

    private static func insertRun(_ run: DriftRun, report: DriftReport, seq: Int, in db: Database) throws {
        let summary = report.summary
        try RunRecord(
            seq: seq, id: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt, playbook: run.playbook,
            inventory: run.inventory, hosts: summary.hosts, inSync: summary.inSync, drifted: summary.drifted,
            unreachable: summary.unreachable, failed: summary.failed, driftedSteps: summary.driftedSteps,
            exitCode: Int(report.exitCode)
        ).insert(db)
    }

    /// The last `limit` runs of `playbook` on `inventory`, oldest first: the fleet's trend.
    public func trend(playbook: String, inventory: String, limit: Int = 30) throws -> [TrendPoint] {
        try database.read { db in
            try RunRecord.filter(Column("playbook") == playbook && Column("inventory") == inventory)
                .order(Column("seq").desc).limit(limit).fetchAll(db).reversed().map(TrendPoint.init)
        }
    }

    /// How the fleet changed run by run, oldest first: the runs `query` shows, counting only its
    /// host (runs without it left out) and only its step. New and resolved compare each host with
    /// its previous checked run of the same playbook and inventory, also before `since`.
    public func nights(_ query: HistoryQuery = HistoryQuery()) throws -> [FleetNight] {
        try database.read { db in
            var results = HostResultRecord.all(), drifts = StepDriftRecord.all()
            if let host = query.host {
                results = results.filter(Column("host") == host)
                drifts = drifts.filter(Column("host") == host)
            }
            let resultsByRun = Dictionary(grouping: try results.fetchAll(db), by: \.runSeq)
            let driftsByRun = Dictionary(grouping: try drifts.fetchAll(db).filter(query.includes), by: \.runSeq)
            var last: [String: Set<String>] = [:]  // "playbook\0inventory\0host" → the keys its last checked run saw
            let runs = try Self.runs(query, in: db).filter { query.host == nil || resultsByRun[$0.seq] != nil }
            let nights = runs.map {
                Self.night($0, results: resultsByRun[$0.seq] ?? [], drifts: driftsByRun[$0.seq] ?? [], last: &last)
            }
            return query.window(nights) { $0.run.startedAt }
        }
    }

    /// What each run `query` shows saw on its host, oldest first (none without a host).
    public func hostNights(_ query: HistoryQuery) throws -> [HostNight] {
        guard let host = query.host else { return [] }
        return try database.read { db in
            let runs = Dictionary(uniqueKeysWithValues: try Self.runs(query, in: db).map { ($0.seq, $0) })
            let drifts = Dictionary(
                grouping: try StepDriftRecord.filter(Column("host") == host).order(Column("stepIndex")).fetchAll(db)
                    .filter(query.includes),
                by: \.runSeq)
            let nights = try HostResultRecord.filter(Column("host") == host).order(Column("runSeq")).fetchAll(db)
                .compactMap { result in
                    runs[result.runSeq].map { run in
                        HostNight(
                            run: run.reference, playbook: run.playbook, inventory: run.inventory,
                            status: result.hostStatus, reason: result.reason,
                            drifts: (drifts[result.runSeq] ?? []).map(\.stepName))
                    }
                }
            return query.window(nights) { $0.run.startedAt }
        }
    }

    /// The runs of the query's playbook and inventory, oldest first (all times).
    private static func runs(_ query: HistoryQuery, in db: Database) throws -> [RunRecord] {
        var runs = RunRecord.order(Column("seq"))
        if let playbook = query.playbook { runs = runs.filter(Column("playbook") == playbook) }
        if let inventory = query.inventory { runs = runs.filter(Column("inventory") == inventory) }
        return try runs.fetchAll(db)
    }

    private static func night(
        _ run: RunRecord, results: [HostResultRecord], drifts: [StepDriftRecord], last: inout [String: Set<String>]
    ) -> FleetNight {
        let keys = Dictionary(grouping: drifts, by: \.host).mapValues { Set($0.map(\.key)) }
        var night = FleetNight(
            run: run.reference, playbook: run.playbook, inventory: run.inventory, hosts: results.count, inSync: 0,
            drifted: 0,
            unreachable: 0, failed: 0, new: 0, resolved: 0, stillDrifting: 0)
        for result in results {
            switch result.hostStatus {
            case .inSync: night.inSync += 1
            case .drifted: night.drifted += 1
            case .unreachable: night.unreachable += 1
            case .failed: night.failed += 1
            }
            guard result.hostStatus.wasChecked else { continue }
            let id = "\(run.playbook)\0\(run.inventory)\0\(result.host)", now = keys[result.host] ?? [],
                before = last[id] ?? []
            night.new += now.subtracting(before).count
            night.resolved += before.subtracting(now).count
            night.stillDrifting += now.intersection(before).count
            last[id] = now
        }
        return night
    }
}
