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
    public init(
        host: String, status: HostStatus, reason: String?, drifts: [DriftEntry], inSyncSteps: [CheckedStep] = [],
        downSince: RunReference? = nil
    ) {
        self.host = host
        self.status = status
        self.reason = reason
        self.drifts = drifts
        self.inSyncSteps = inSyncSteps
        self.downSince = downSince
    }

    /// Decodes a host, also from reports written before `in_sync_steps` and `down_since` existed.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            host: try container.decode(String.self, forKey: .host),
            status: try container.decode(HostStatus.self, forKey: .status),
            reason: try container.decodeIfPresent(String.self, forKey: .reason),
            drifts: try container.decode([DriftEntry].self, forKey: .drifts),
            inSyncSteps: try container.decodeIfPresent([CheckedStep].self, forKey: .inSyncSteps) ?? [],
            downSince: try container.decodeIfPresent(RunReference.self, forKey: .downSince))
    }

    enum CodingKeys: String, CodingKey {
        case host, status, reason, drifts
        case inSyncSteps = "in_sync_steps"
        case downSince = "down_since"
    }
}
