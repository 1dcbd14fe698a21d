/// Whether an Open vSwitch bond negotiates with LACP (its `lacp` column).
public enum LACPMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Sends LACP frames.
    case active
    /// Answers LACP frames.
    case passive
    /// No LACP.
    case off

    /// The name as playbooks write it.
    public var description: String { rawValue }
}
