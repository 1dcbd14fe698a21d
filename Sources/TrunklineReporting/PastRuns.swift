import GRDB

/// The earlier runs of one playbook on one inventory, every host's results and drifts in them,
/// read in three statements whatever the fleet's size: what `DriftHistory.record` compares a
/// new run with.
struct PastRuns {
    /// One checked past run of a host: its run, and its drifted steps by key.
    struct CheckedRun {
        let run: RunReference
        let drifts: [String: StepDriftRecord]
    }

    /// The newest of the runs, if any.
    let latest: RunReference?
    private let runs: [Int: RunReference]
    /// Each host's results, newest first.
    private let results: [String: [HostResultRecord]]
    /// Each run's drifted steps by host, then by key.
    private let drifts: [Int: [String: [String: StepDriftRecord]]]

    /// Reads the runs of `playbook` on `inventory`.
    init(playbook: String, inventory: String, in db: Database) throws {
        let scope = RunRecord.filter(Column("playbook") == playbook && Column("inventory") == inventory)
        let records = try scope.order(Column("seq")).fetchAll(db)
        latest = records.last?.reference
        runs = Dictionary(uniqueKeysWithValues: records.map { ($0.seq, $0.reference) })
        let seqs = scope.select(Column("seq"))
        results = Dictionary(grouping: try HostResultRecord.filter(seqs.contains(Column("runSeq"))).order(Column("runSeq").desc).fetchAll(db), by: \.host)
        var drifts: [Int: [String: [String: StepDriftRecord]]] = [:]
        for record in try StepDriftRecord.filter(seqs.contains(Column("runSeq"))).fetchAll(db) where drifts[record.runSeq]?[record.host]?[record.key] == nil {
            drifts[record.runSeq, default: [:]][record.host, default: [:]][record.key] = record
        }
        self.drifts = drifts
    }

    /// The host's checked runs (in sync or drifted), newest first.
    func checked(_ host: String) -> [CheckedRun] {
        (results[host] ?? []).filter(\.hostStatus.wasChecked).compactMap { result in
            runs[result.runSeq].map { CheckedRun(run: $0, drifts: drifts[result.runSeq]?[host] ?? [:]) }
        }
    }

    /// The first run of the unbroken series of runs, ending with `this`, that did not check `host`.
    func downSince(_ host: String, this: RunReference) -> RunReference {
        guard let first = (results[host] ?? []).prefix(while: { !$0.hostStatus.wasChecked }).last else { return this }
        return runs[first.runSeq] ?? this
    }
}
