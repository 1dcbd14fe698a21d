import Foundation
import TrunklineCore

/// What a playbook run did.
public struct RunResult: Sendable {
    /// The run's id (its directory's name and the backups' suffix on every host).
    public let runID: String
    /// The run's record on the controller.
    public let directory: RunDirectory
    /// Every selected host, once, in inventory order.
    public let hosts: [String]
    /// Each play's name with the outcomes of its hosts.
    public let plays: [(name: String, outcomes: [HostOutcome])]
    /// Hosts the run never reached (a batch stopped before them).
    public let notReached: [String]
    /// Why batches stopped, per play.
    public let stopReasons: [String]
    /// Whether a signal stopped the run.
    public let interrupted: Bool

    /// Every outcome of every play.
    public var outcomes: [HostOutcome] { plays.flatMap(\.outcomes) }

    /// The hosts to run again, in inventory order: those that failed or were unreachable in a
    /// play, as Ansible's retry file has them (not those the run never reached: a stopped
    /// rollout is run again whole, or with `--limit` naming them).
    public var hostsToRetry: [String] {
        let retried = Set(outcomes.filter(\.failed).map(\.host))
        return hosts.filter(retried.contains)
    }

    /// The exit status: 2 changes, 4 failures, unreachable or unreached hosts, 6 both; 130 interrupted.
    public var exitStatus: ExitStatus {
        if interrupted { return .interrupted }
        return .of(
            changed: outcomes.contains { $0.changedCount > 0 },
            failed: outcomes.contains(where: \.failed) || !notReached.isEmpty)
    }

    /// `result.json`: the run id, the mode, each play's host outcomes, and what stopped.
    func json(mode: RunMode) throws -> Data {
        try JSONDocument.data(RunResultJSON(result: self, mode: mode))
    }
}
