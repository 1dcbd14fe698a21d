import TrunklineCore

/// A step of a play, built for one host: its place in the play, its name and its kind.
public struct StepInstance: Sendable {
    /// The step's position in the play, from 1.
    public var index: Int
    /// The step's name (the playbook's `name:`, or the kind).
    public var name: String
    /// The step kind's name.
    public var kindName: String
    /// The step, with its arguments; nil when its `when:` was decided false from variables
    /// alone, so its arguments were neither rendered nor validated (Ansible's lazy `when`).
    public var kind: (any StepKind)?
    /// Where the step is written.
    public var location: SourceLocation
    /// The step runs only where this holds.
    public var condition: Condition?
    /// The handlers it notifies when it changes something.
    public var notify: [String]

    /// Creates a step instance.
    public init(
        index: Int, name: String, kind: any StepKind, location: SourceLocation, condition: Condition? = nil,
        notify: [String] = []
    ) {
        self.init(
            index: index, name: name, kindName: type(of: kind).name, kind: kind, location: location,
            condition: condition, notify: notify)
    }

    /// Creates a step instance that is skipped on this host whatever its facts.
    public static func skipped(index: Int, name: String, kindName: String, location: SourceLocation) -> StepInstance {
        StepInstance(
            index: index, name: name, kindName: kindName, kind: nil, location: location, condition: nil, notify: [])
    }

    private init(
        index: Int, name: String, kindName: String, kind: (any StepKind)?, location: SourceLocation,
        condition: Condition?, notify: [String]
    ) {
        self.index = index
        self.name = name
        self.kindName = kindName
        self.kind = kind
        self.location = location
        self.condition = condition
        self.notify = notify
    }
}
