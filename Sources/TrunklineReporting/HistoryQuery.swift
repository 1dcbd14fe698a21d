import Foundation

/// What `trunkline history` shows: the runs of one playbook and inventory (or all), from a
/// time on, the last so many of them, counting one host and one step (or all).
public struct HistoryQuery: Sendable, Equatable, Encodable {
    /// Only the runs of this playbook and of this inventory, as given to `drift`.
    public var playbook: String?
    public var inventory: String?
    /// Only the runs started at or after this time.
    public var since: Date?
    /// Only this host.
    public var host: String?
    /// Only this step: `kind: name`, or the name alone.
    public var step: String?
    /// At most this many runs, the newest.
    public var last: Int?

    /// Creates a query; every part left out shows all.
    public init(
        playbook: String? = nil, inventory: String? = nil, since: Date? = nil, host: String? = nil, step: String? = nil,
        last: Int? = nil
    ) {
        self.playbook = playbook
        self.inventory = inventory
        self.since = since
        self.host = host
        self.step = step
        self.last = last
    }

    /// The items of runs shown, of `items` (oldest first): started since, and the last.
    func window<Item>(_ items: [Item], startedAt: (Item) -> Date) -> [Item] {
        let recent = items.filter { item in since.map { startedAt(item) >= $0 } ?? true }
        return last.map { Array(recent.suffix(max(0, $0))) } ?? recent
    }

    /// True when `record` is the step asked for, or no step was.
    func includes(_ record: StepDriftRecord) -> Bool {
        step.map { $0 == record.stepName || $0 == record.name } ?? true
    }

    enum CodingKeys: String, CodingKey {
        case playbook, inventory, since, host, step, last
    }

    /// Every key, null where not asked.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(playbook, forKey: .playbook)
        try container.encode(inventory, forKey: .inventory)
        try container.encode(since, forKey: .since)
        try container.encode(host, forKey: .host)
        try container.encode(step, forKey: .step)
        try container.encode(last, forKey: .last)
    }
}
