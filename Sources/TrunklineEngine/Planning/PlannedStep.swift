/// A step with the changes it would make to a host.
public struct PlannedStep: Sendable {
    /// The step's position in the play, from 1.
    public var index: Int
    /// The step's name.
    public var name: String
    /// The step kind's name.
    public var kind: String
    /// The changes; empty when the host is already as the step describes.
    public var changes: [Change]
    /// True for steps that change something on every run by design.
    public var alwaysChanges: Bool
    /// True if its `when:` did not hold, so it was not planned.
    public var skipped = false
    /// True for a handler, planned because a changing step notified it.
    public var isHandler = false

    /// The reboot this step plans, if it reboots the host.
    public var reboot: RebootRequest? {
        for effect in changes.flatMap(\.effects) { if case .reboot(let request) = effect { return request } }
        return nil
    }
}
