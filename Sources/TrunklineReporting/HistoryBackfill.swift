import GRDB

/// Schema v2 keeps since when each drift exists and each host is down in the rows themselves,
/// and each host's last runs in `hostLatest`; this gives a v1 history's rows theirs, replaying
/// its runs in order.
enum HistoryBackfill {
    /// Sets `sinceSeq` on every drift and `downSinceSeq` on every host result not checked, and
    /// fills `hostLatest`.
    static func run(_ db: Database) throws {
        let results = Dictionary(grouping: try HostResultRecord.fetchAll(db), by: \.runSeq)
        let drifts = Dictionary(grouping: try StepDriftRecord.fetchAll(db)) { "\($0.runSeq)\0\($0.host)" }
        var pasts: [String: HostPast] = [:], latest: [String: HostLatestRecord] = [:]  // by "playbook\0inventory\0host"
        for run in try RunRecord.order(Column("seq")).fetchAll(db) {
            for var result in results[run.seq] ?? [] {
                let id = "\(run.playbook)\0\(run.inventory)\0\(result.host)", past = pasts[id] ?? HostPast()
                var seen: [StepDriftRecord] = []
                if result.hostStatus.wasChecked {
                    for var drift in drifts["\(run.seq)\0\(result.host)"] ?? [] {
                        drift.sinceSeq = past.sinceSeq(of: drift.key, this: run.seq)
                        try db.execute(
                            sql: "UPDATE stepDrift SET sinceSeq = ? WHERE runSeq = ? AND host = ? AND key = ?",
                            arguments: [drift.sinceSeq, drift.runSeq, drift.host, drift.key])
                        seen.append(drift)
                    }
                } else {
                    result.downSinceSeq = past.downSince(this: run.seq)
                    try result.update(db)
                }
                pasts[id] = past.after(result, drifts: seen)
                latest[id] = HostLatestRecord(
                    playbook: run.playbook, inventory: run.inventory, host: result.host, lastSeq: run.seq,
                    lastCheckedSeq: result.hostStatus.wasChecked ? run.seq : latest[id]?.lastCheckedSeq)
            }
        }
        try BatchInsert.insert(Array(latest.values), in: db)
    }
}
