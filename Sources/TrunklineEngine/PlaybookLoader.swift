import TrunklineCore
import TrunklineInput
import TrunklineInventory

/// Reads a playbook: a YAML list of plays, each with `name`, `hosts`, `vars` and `steps`; each
/// step a mapping with an optional `name` and exactly one step kind key holding its arguments.
/// Every problem is an `InputError` naming file, line and column, found before any connection.
public enum PlaybookLoader {
    static let playKeys = ["name", "hosts", "vars", "steps"]

    /// The plays of the playbook at `path`.
    public static func load(_ path: String) throws -> [Play] {
        guard let root = try YAMLNode.load(path) else {
            throw InputError(SourceLocation(file: path, line: 1, column: 1), "the playbook is empty")
        }
        return try root.sequence("a playbook").map(play)
    }

    private static func play(_ node: YAMLNode) throws -> Play {
        var name = "play", pattern: HostPattern?, variables: [String: Value] = [:], steps: [StepDefinition] = []
        for (key, keyNode, value) in try node.mapping("a play") {
            switch key {
            case "name": name = try value.string("name")
            case "hosts": pattern = HostPattern(try value.string("hosts"), at: value.location)
            case "vars": variables = try value.mapping("vars").reduce(into: [:]) { $0[$1.key] = $1.value.value() }
            case "steps": steps = try value.sequence("steps").enumerated().map { try step($0.element, index: $0.offset + 1) }
            default:
                throw InputError(keyNode.location, "unknown key '\(key)' in a play",
                                 hint: Suggestion.hint(for: key, in: playKeys) ?? "a play has \(playKeys.joined(separator: ", "))")
            }
        }
        guard let pattern else { throw InputError(node.location, "the play '\(name)' needs 'hosts'") }
        return Play(name: name, hosts: pattern, variables: variables, steps: steps, location: node.location)
    }

    /// True if a template is somewhere in `value` (such steps are checked once rendered per host).
    private static func hasTemplate(_ value: Value) -> Bool {
        switch value {
        case .string(let text): return text.contains("{{") || text.contains("{%")
        case .list(let items): return items.contains(where: hasTemplate)
        case .map(let entries): return entries.values.contains(where: hasTemplate)
        case .int, .double, .bool, .null: return false
        }
    }

    private static func step(_ node: YAMLNode, index: Int) throws -> StepDefinition {
        var name: String?
        var kinds: [(String, YAMLNode, YAMLNode)] = []
        for (key, keyNode, value) in try node.mapping("a step") {
            if key == "name" { name = try value.string("name") } else { kinds.append((key, keyNode, value)) }
        }
        guard kinds.count == 1, let (kind, keyNode, body) = kinds.first else {
            throw InputError(node.location, kinds.isEmpty ? "the step names no step kind (one of \(StepKinds.all.keys.sorted().joined(separator: ", ")))"
                                                          : "a step has exactly one kind, not \(kinds.map(\.0).joined(separator: " and "))")
        }
        guard StepKinds.all[kind] != nil else {
            throw InputError(keyNode.location, "unknown step kind '\(kind)'", hint: Suggestion.hint(for: kind, in: Array(StepKinds.all.keys)))
        }
        var arguments: [String: Value] = [:], locations: [String: SourceLocation] = [:]
        for (key, argumentKey, value) in try body.mapping("the arguments of the \(kind) step") {
            arguments[key] = value.value()
            locations[key] = argumentKey.location
        }
        let definition = StepDefinition(index: index, name: name ?? kind, kind: kind, arguments: arguments,
                                        argumentLocations: locations, location: keyNode.location)
        if !arguments.values.contains(where: Self.hasTemplate) { _ = try definition.instance(variables: [:]) }
        return definition
    }
}
