import TrunklineCore

/// A step of a play, built for one host: its place in the play, its name and its kind.
public struct StepInstance: Sendable {
    /// The step's position in the play, from 1.
    public var index: Int
    /// The step's name (the playbook's `name:`, or the kind).
    public var name: String
    /// The step, with its arguments.
    public var kind: any StepKind
    /// Where the step is written.
    public var location: SourceLocation
    /// The step runs only where this holds.
    public var condition: Condition?
    /// The handlers it notifies when it changes something.
    public var notify: [String]

    /// Creates a step instance.
    public init(index: Int, name: String, kind: any StepKind, location: SourceLocation, condition: Condition? = nil, notify: [String] = []) {
        self.index = index
        self.name = name
        self.kind = kind
        self.location = location
        self.condition = condition
        self.notify = notify
    }
}
