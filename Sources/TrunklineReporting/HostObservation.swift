/// What one run saw on one host.
public struct HostObservation: Sendable, Equatable {
    /// The host's inventory name.
    public var host: String
    /// In sync, drifted, unreachable or failed.
    public var status: HostStatus
    /// Why the host was unreachable or failed (auth, host key, timeout, the error).
    public var reason: String?
    /// The steps that drift, in playbook order.
    public var drifts: [StepDrift]
    /// The steps checked and found in sync, in playbook order.
    public var inSyncSteps: [CheckedStep]

    /// Creates an observation.
    public init(
        host: String, status: HostStatus, reason: String? = nil, drifts: [StepDrift] = [],
        inSyncSteps: [CheckedStep] = []
    ) {
        self.host = host
        self.status = status
        self.reason = reason
        self.drifts = drifts
        self.inSyncSteps = inSyncSteps
    }
}
