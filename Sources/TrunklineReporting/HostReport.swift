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

    /// Creates a host report.
    public init(host: String, status: HostStatus, reason: String?, drifts: [DriftEntry]) {
        self.host = host
        self.status = status
        self.reason = reason
        self.drifts = drifts
    }
}
