/// One version of a drifted step's changes, and the hosts whose changes are exactly these.
public struct DriftVariant: Sendable, Equatable {
    /// The changes (summaries and diffs).
    public var changes: [DriftChange]
    /// The hosts with these changes, in inventory order.
    public var hosts: [String]
}
