/// One host in a report: its status, why it was not checked, and its drifts with their history.
public struct HostReport: Sendable, Codable, Equatable {
    /// The host's inventory name.
    public var host: String
    /// In sync, drifted, unreachable or failed.
    public var status: HostStatus
    /// Why it was unreachable or failed.
    public var reason: String?
    /// Its drifted steps, in playbook order.
    public var drifts: [DriftEntry]
    /// The steps checked and found in sync, in playbook order.
    public var inSyncSteps: [CheckedStep]
    /// For a host not checked: the first run of the unbroken series of runs that did not check
    /// it (this run when the previous one did).
    public var downSince: RunReference?

    /// Creates a host report.
    public init(host: String, status: HostStatus, reason: String?, drifts: [DriftEntry], inSyncSteps: [CheckedStep] = [], downSince: RunReference? = nil) {
        self.host = host
        self.status = status
        self.reason = reason
        self.drifts = drifts
        self.inSyncSteps = inSyncSteps
        self.downSince = downSince
    }

    enum CodingKeys: String, CodingKey {
        case host, status, reason, drifts
        case inSyncSteps = "in_sync_steps"
        case downSince = "down_since"
    }
}
