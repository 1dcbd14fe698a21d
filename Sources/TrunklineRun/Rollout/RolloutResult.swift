import TrunklineEngine

/// What a rollout did: the outcome of every host it ran, the hosts it never started, and why
/// it stopped early, if it did.
public struct RolloutResult: Sendable {
    /// The outcomes of the hosts that ran, in inventory order.
    public var outcomes: [HostOutcome]
    /// The hosts not started (a batch over the failure budget, or an interruption).
    public var notReached: [String]
    /// Why the rollout stopped before all hosts, if it did.
    public var stopReason: String?
}
