import GRDB

/// The earlier runs of one playbook on one inventory, and each host's past in them, read in
/// three statements whose results do not grow with the history: the runs, and through
/// `hostLatest` each host's last result and the drifts of its last checked run (which carry
/// since when they exist).
struct PastRuns {
    /// The newest of the runs, if any.
    let latest: RunReference?
    /// The runs by sequence number.
    let runs: [Int: RunReference]
    /// Each host's past.
    let hosts: [String: HostPast]

    /// Reads the runs of `playbook` on `inventory`.
    init(playbook: String, inventory: String, in db: Database) throws {
        let records = try RunRecord.filter(Column("playbook") == playbook && Column("inventory") == inventory).order(
            Column("seq")
        ).fetchAll(db)
        latest = records.last?.reference
        runs = Dictionary(uniqueKeysWithValues: records.map { ($0.seq, $0.reference) })
        let scope: StatementArguments = [playbook, inventory]
        var hosts: [String: HostPast] = [:]
        for result in try HostResultRecord.fetchAll(
            db, sql: Self.latest(table: "hostResult", run: "lastSeq"), arguments: scope)
        {
            hosts[result.host, default: HostPast()].downSinceSeq = result.downSinceSeq
        }
        for drift in try StepDriftRecord.fetchAll(
            db, sql: Self.latest(table: "stepDrift", run: "lastCheckedSeq"), arguments: scope)
        where hosts[drift.host]?.drifts[drift.key] == nil {
            hosts[drift.host, default: HostPast()].drifts[drift.key] = drift
        }
        self.hosts = hosts
    }

    /// The rows of `table` from each host's run `run` (a column of `hostLatest`) in the runs
    /// of the playbook and inventory bound as arguments.
    private static func latest(table: String, run: String) -> String {
        """
        SELECT t.* FROM hostLatest l JOIN "\(table)" t ON t.runSeq = l.\(run) AND t.host = l.host
        WHERE l.playbook = ? AND l.inventory = ?
        """
    }

    /// The reference of run `seq`, or `this` for the run being recorded.
    func reference(_ seq: Int, this: RunReference) -> RunReference {
        runs[seq] ?? this
    }
}
