import Foundation

/// A drift run's report: the run, its counts, each host with its drifts (since when, new or
/// not) and the drifts resolved since each host's previous checked run. Its JSON form is the
/// stable, documented schema `trunkline.drift/1`.
public struct DriftReport: Sendable, Codable, Equatable {
    /// The schema's name and version.
    public var schema = "trunkline.drift/1"
    /// The run.
    public var run: RunReference
    /// When it finished, and how long it took.
    public var finishedAt: Date
    public var durationSeconds: Double
    /// The playbook and inventory checked.
    public var playbook: String
    public var inventory: String
    /// The run before this one in the history, if any.
    public var previousRun: RunReference?
    /// The counts.
    public var summary: DriftSummary
    /// Every host, in inventory order.
    public var hosts: [HostReport]
    /// The drifts that are gone.
    public var resolved: [ResolvedDrift]
    /// `0` all in sync, `2` drift found, `4` hosts failed or unreachable, `6` both.
    public var exitCode: Int32

    /// The report of `run`, with the history's view of each drift.
    public init(run: DriftRun, hosts: [HostReport], resolved: [ResolvedDrift], previousRun: RunReference?) {
        self.run = RunReference(id: run.id, startedAt: run.startedAt)
        finishedAt = run.finishedAt
        durationSeconds = run.finishedAt.timeIntervalSince(run.startedAt)
        playbook = run.playbook
        inventory = run.inventory
        self.previousRun = previousRun
        summary = DriftSummary(hosts: hosts, resolved: resolved)
        self.hosts = hosts
        self.resolved = resolved
        exitCode = run.exitCode
    }

    /// The report of a run without history: every drift is new, since this run.
    public init(run: DriftRun) {
        let this = RunReference(id: run.id, startedAt: run.startedAt)
        self.init(
            run: run,
            hosts: run.observations.map { observation in
                HostReport(
                    host: observation.host, status: observation.status, reason: observation.reason,
                    drifts: observation.drifts.map { DriftEntry(step: $0, since: this, isNew: true) },
                    inSyncSteps: observation.inSyncSteps, downSince: observation.status.wasChecked ? nil : this)
            }, resolved: [], previousRun: nil)
    }

    /// The hosts with one status.
    public func hosts(_ status: HostStatus) -> [HostReport] { hosts.filter { $0.status == status } }

    enum CodingKeys: String, CodingKey {
        case schema, run, playbook, inventory, summary, hosts, resolved
        case finishedAt = "finished_at"
        case durationSeconds = "duration_seconds"
        case previousRun = "previous_run"
        case exitCode = "exit_code"
    }
}
