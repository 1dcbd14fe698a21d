/// A step that cannot be planned on a host (its precondition does not hold); nothing is changed.
public struct PlanningFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
}
