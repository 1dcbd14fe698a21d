import GRDB

/// The earlier runs of one playbook on one inventory, and each host's past in them, read in
/// four statements whose results do not grow with the history: the runs, each host's last
/// result and the drifts of its last checked run (which carry since when they exist).
struct PastRuns {
    /// The newest of the runs, if any.
    let latest: RunReference?
    /// The runs by sequence number.
    let runs: [Int: RunReference]
    /// Each host's past.
    let hosts: [String: HostPast]

    /// Reads the runs of `playbook` on `inventory`.
    init(playbook: String, inventory: String, in db: Database) throws {
        let records = try RunRecord.filter(Column("playbook") == playbook && Column("inventory") == inventory).order(Column("seq")).fetchAll(db)
        latest = records.last?.reference
        runs = Dictionary(uniqueKeysWithValues: records.map { ($0.seq, $0.reference) })
        let scope: StatementArguments = [playbook, inventory]
        let checked = [HostStatus.inSync, .drifted].map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var hosts: [String: HostPast] = [:]
        for result in try HostResultRecord.fetchAll(db, sql: Self.latest("", table: "hostResult"), arguments: scope) {
            hosts[result.host, default: HostPast()].downSinceSeq = result.downSinceSeq
        }
        for drift in try StepDriftRecord.fetchAll(db, sql: Self.latest("AND status IN (\(checked))", table: "stepDrift"), arguments: scope)
        where hosts[drift.host]?.drifts[drift.key] == nil {
            hosts[drift.host, default: HostPast()].drifts[drift.key] = drift
        }
        self.hosts = hosts
    }

    /// The rows of `table` from each host's last result (of those matching `condition`) in the
    /// runs of the playbook and inventory bound as arguments.
    private static func latest(_ condition: String, table: String) -> String {
        """
        SELECT t.* FROM "\(table)" t JOIN (
            SELECT host, MAX(runSeq) AS runSeq FROM hostResult
            WHERE runSeq IN (SELECT seq FROM run WHERE playbook = ? AND inventory = ?) \(condition) GROUP BY host
        ) l ON t.host = l.host AND t.runSeq = l.runSeq
        """
    }

    /// The reference of run `seq`, or `this` for the run being recorded.
    func reference(_ seq: Int, this: RunReference) -> RunReference {
        runs[seq] ?? this
    }
}
