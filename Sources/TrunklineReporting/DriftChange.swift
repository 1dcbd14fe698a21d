/// One change a drifted step would make: the line an operator reads, and its diff.
public struct DriftChange: Sendable, Codable, Equatable {
    /// What would change ("update /etc/sysctl.d/99-cloudstack.conf").
    public var summary: String
    /// The unified diff or before/after values; empty when there is none.
    public var diff: String

    /// Creates a change.
    public init(summary: String, diff: String) {
        self.summary = summary
        self.diff = diff
    }
}
