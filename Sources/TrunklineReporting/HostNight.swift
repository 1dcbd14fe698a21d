/// What one run saw on one host: its status, why it was not checked, and its drifted steps.
public struct HostNight: Sendable, Encodable, Equatable {
    /// The run, its playbook and inventory.
    public var run: RunReference
    public var playbook: String
    public var inventory: String
    /// The host's status in the run, and why when it was not checked.
    public var status: HostStatus
    public var reason: String?
    /// The drifted steps (`kind: name`), in playbook order.
    public var drifts: [String]

    enum CodingKeys: String, CodingKey {
        case run, playbook, inventory, status, reason, drifts
    }

    /// Every key, `reason` null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run, forKey: .run)
        try container.encode(playbook, forKey: .playbook)
        try container.encode(inventory, forKey: .inventory)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(drifts, forKey: .drifts)
    }
}
