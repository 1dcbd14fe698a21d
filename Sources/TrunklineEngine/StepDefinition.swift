import TrunklineCore
import TrunklineInput

/// A step as the playbook writes it: a name, one kind key with its arguments, and where it is.
public struct StepDefinition: Sendable {
    /// The step's position in its play, from 1.
    public var index: Int
    /// The step's name (the kind's name if it has none).
    public var name: String
    /// The kind's name.
    public var kind: String
    /// The arguments as written, with their places.
    public var arguments: [String: Value]
    /// Where each argument is written.
    public var argumentLocations: [String: SourceLocation]
    /// Where the step is written.
    public var location: SourceLocation
    /// The step's `when:` expression, if any.
    public var when: String?
    /// The handlers it notifies.
    public var notify: [String] = []

    /// The step built for one host, its arguments rendered with the host's `variables`.
    /// Throws an `InputError` for invalid arguments or an undefined variable.
    public func instance(variables: [String: Value]) throws -> StepInstance {
        guard let type = StepKinds.all[kind] else {
            throw InputError(location, "unknown step kind '\(kind)'", hint: Suggestion.hint(for: kind, in: Array(StepKinds.all.keys)))
        }
        var rendered: [String: Value] = [:]
        for (key, value) in arguments {
            rendered[key] = try Template.render(value, variables: variables, field: "\(kind).\(key)", at: argumentLocations[key] ?? location)
        }
        let built = try type.init(StepArguments(kind: kind, location: location, values: rendered, locations: argumentLocations))
        let condition = try when.map { try Condition($0, variables: variables, at: location) }
        return StepInstance(index: index, name: name, kind: built, location: location, condition: condition, notify: notify)
    }
}
