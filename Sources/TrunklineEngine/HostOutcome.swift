/// What became of one host in a check or apply run.
public struct HostOutcome: Sendable {
    /// The host's inventory name.
    public var host: String
    /// Each step's outcome, in order; empty if the host could not be reached.
    public var steps: [StepOutcome]
    /// Why the host could not be reached or used, if it could not.
    public var failure: String?
    /// True when `failure` is about the connection (unreachable, timeout, host key, login),
    /// false when the host answered but could not be planned or applied.
    public var unreachable = false
    /// After apply: the steps that still have changes when facts are gathered again
    /// (the host did not converge).
    public var remaining: [PlannedStep] = []

    /// True if the host was unreachable or a step failed, or it did not converge.
    public var failed: Bool { failure != nil || steps.contains { $0.status == .failed } || !remaining.isEmpty }

    /// How many steps changed (or would change).
    public var changedCount: Int { steps.filter { $0.status == .changed }.count }
}
