import TrunklineEngine

/// How an apply script that changes the network waits to be confirmed: the rollback point it
/// records first, which of its steps change the network, and how long the host waits for a new
/// connection's confirmation before it restores the rollback point on its own.
public struct ConfirmPolicy: Sendable, Equatable {
    /// Seconds the host waits for the confirmation after the last step.
    public var timeout: Int
    /// The steps (by index) that change the network: a failure once one of them has started
    /// rolls the run back at once.
    public var networkSteps: Set<Int>

    /// Creates a policy.
    public init(timeout: Int, networkSteps: Set<Int>) {
        self.timeout = timeout
        self.networkSteps = networkSteps
    }

    /// The policy for `steps` if any of them changes the network; nil if none does, so the
    /// plan keeps the plain path.
    public static func forPlan(_ steps: [(index: Int, changes: [Change])], timeout: Int) -> ConfirmPolicy? {
        let network = steps.filter { $0.changes.flatMap(\.effects).contains(where: \.changesNetwork) }.map(\.index)
        return network.isEmpty ? nil : ConfirmPolicy(timeout: timeout, networkSteps: Set(network))
    }
}
