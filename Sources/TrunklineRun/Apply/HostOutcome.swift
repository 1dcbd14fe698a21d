import TrunklineEngine

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
    /// The category of `failure` (an `error` if not set).
    public var failureKind: HostFailureKind?
    /// SSH connections opened and remote commands run for this host.
    public var connections = 0
    public var execs = 0
    /// Connections opened again because one dropped while the apply script ran.
    public var reconnects = 0
    /// After apply: the steps that still have changes when facts are gathered again
    /// (the host did not converge).
    public var remaining: [PlannedStep] = []
    /// After a commit-confirmed apply that the host rolled back: what it restored, as its
    /// rollback log says. `failure` says why (`failureKind` is `.rolledBack`).
    public var rollback: String?
    /// Why the host should reboot for its configuration to take effect (`BootState`), as the
    /// last facts of the run found it; nil when nothing waits for a boot.
    public var rebootPending: String?
    /// After a network change: how long the confirmation took, from the end of the host's
    /// steps to the host's `confirmed` through a new connection.
    public var confirmation: Duration?
    /// How long its facts execs and apply scripts took.
    public var timings = HostTimings()

    /// True if the host restored its network (and files) to how they were before the run.
    public var rolledBack: Bool { failureKind == .rolledBack }

    /// True if the host was unreachable or a step failed, or it did not converge.
    public var failed: Bool { failure != nil || steps.contains { $0.status == .failed } || !remaining.isEmpty }

    /// Why the host failed, in one line an operator acts on: the failure with its category, the
    /// failed step with the last line of its output, or the steps that did not converge.
    public var reason: String? {
        if let failure { return "\(failureKind ?? .error): \(failure)" }
        if let step = steps.first(where: { $0.status == .failed }) {
            let output = step.output?.split(separator: "\n").last.map { ": \($0)" } ?? ""
            return "step failed: [\(step.step.index)] \(step.step.kind): \(step.step.name)\(output)"
        }
        if !remaining.isEmpty {
            return "did not converge: "
                + remaining.map { "[\($0.index)] \($0.kind): \($0.name)" }.joined(separator: ", ")
        }
        return nil
    }

    /// How many steps changed (or would change).
    public var changedCount: Int { steps.filter { $0.status == .changed }.count }
}

extension HostOutcome {
    /// Adds the outcome of a later part of the same host's run (after a reboot): its steps, and
    /// its failure, rollback and confirmation where it has them.
    mutating func merge(_ part: HostOutcome) {
        steps += part.steps
        reconnects += part.reconnects
        if let failure = part.failure {
            self.failure = failure
            failureKind = part.failureKind
            unreachable = part.unreachable
        }
        rollback = part.rollback ?? rollback
        confirmation = part.confirmation ?? confirmation
        timings = timings.appending(part.timings)
    }
}
