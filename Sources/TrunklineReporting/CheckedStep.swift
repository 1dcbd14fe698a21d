/// A step a run checked on a host and found in sync: which play, where in it, its kind and name.
public struct CheckedStep: Sendable, Codable, Equatable {
    /// The play the step belongs to.
    public var play: String
    /// The step's position in its play, from 1.
    public var index: Int
    /// The step kind (`sysctl`, `ovs`, …).
    public var kind: String
    /// The step's name.
    public var name: String

    /// Creates a checked step.
    public init(play: String, index: Int, kind: String, name: String) {
        self.play = play
        self.index = index
        self.kind = kind
        self.name = name
    }
}
