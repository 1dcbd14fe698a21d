/// Whether a step's object should exist (`state: present` or `state: absent`).
public enum Presence: String, Sendable, CaseIterable, CustomStringConvertible {
    /// It exists as the step describes it.
    case present
    /// It does not exist.
    case absent

    /// The name as playbooks write it.
    public var description: String { rawValue }
}
