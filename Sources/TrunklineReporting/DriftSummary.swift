/// The counts at the top of a report.
public struct DriftSummary: Sendable, Codable, Equatable {
    public var hosts: Int
    public var inSync: Int
    public var drifted: Int
    public var unreachable: Int
    public var failed: Int
    /// Drifted steps over all hosts.
    public var driftedSteps: Int
    /// Drifted steps this run is the first to see.
    public var new: Int
    /// Drifts the previous run saw that are gone.
    public var resolved: Int

    /// The counts of `hosts` and `resolved`.
    public init(hosts: [HostReport], resolved: [ResolvedDrift]) {
        self.hosts = hosts.count
        inSync = hosts.filter { $0.status == .inSync }.count
        drifted = hosts.filter { $0.status == .drifted }.count
        unreachable = hosts.filter { $0.status == .unreachable }.count
        failed = hosts.filter { $0.status == .failed }.count
        driftedSteps = hosts.reduce(0) { $0 + $1.drifts.count }
        new = hosts.reduce(0) { $0 + $1.drifts.filter(\.isNew).count }
        self.resolved = resolved.count
    }

    enum CodingKeys: String, CodingKey {
        case hosts, drifted, unreachable, failed, new, resolved
        case inSync = "in_sync"
        case driftedSteps = "drifted_steps"
    }
}
