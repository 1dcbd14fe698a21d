import Foundation
import TrunklineCore

/// One drift run as it happened: when, over what, and what it saw on each host.
public struct DriftRun: Sendable {
    /// The run's ID (`20261122T020000Z-1a2b3c`).
    public var id: String
    /// When it started and finished.
    public var startedAt: Date
    public var finishedAt: Date
    /// The playbook and inventory it checked.
    public var playbook: String
    public var inventory: String
    /// What it saw, one entry per selected host.
    public var observations: [HostObservation]

    /// Creates a run.
    public init(
        id: String, startedAt: Date, finishedAt: Date, playbook: String, inventory: String,
        observations: [HostObservation]
    ) {
        self.id = id
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.playbook = playbook
        self.inventory = inventory
        self.observations = observations
    }

    /// `0` all in sync, `2` drift found, `4` hosts failed or unreachable, `6` both.
    public var exitCode: Int32 {
        ExitStatus.of(
            changed: observations.contains { $0.status == .drifted },
            failed: observations.contains { !$0.status.wasChecked }
        ).code
    }
}
