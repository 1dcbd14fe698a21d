import TrunklineCore
import TrunklineInput

/// A step's `loop_control:`: the name each item takes (`loop_var`, `item` by default), the
/// name its position from 0 takes (`index_var`), and the label that names each repetition
/// (`label`, a template; the item itself by default).
public struct LoopControl: Sendable, Equatable {
    /// The keys `loop_control:` takes.
    static let keys = ["loop_var", "index_var", "label"]

    /// The variable that holds the item.
    public var variable = "item"
    /// The variable that holds the item's position from 0, if any.
    public var indexVariable: String?
    /// The template naming each repetition, if not the item itself.
    public var label: String?
    /// Where the label is written.
    public var labelLocation: SourceLocation?

    /// The defaults: `item`, no index, the item as label.
    public init() {}

    /// The `loop_control:` mapping at `node`; an unknown key, or a variable name that is not
    /// one, is an error where it is written.
    public init(_ node: YAMLNode) throws {
        for (key, keyNode, value) in try node.mapping("loop_control") {
            switch key {
            case "loop_var": variable = try Self.name(value, key)
            case "index_var": indexVariable = try Self.name(value, key)
            case "label":
                label = try value.string("loop_control.label")
                labelLocation = value.location
            default:
                throw InputError(
                    keyNode.location, "unknown key '\(key)' in loop_control",
                    hint: Suggestion.hint(for: key, in: Self.keys)
                        ?? "loop_control has \(Self.keys.joined(separator: ", "))")
            }
        }
    }

    private static func name(_ node: YAMLNode, _ key: String) throws -> String {
        let name = try node.string("loop_control.\(key)")
        guard name.first.map({ $0.isLetter || $0 == "_" }) == true,
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else {
            throw InputError(node.location, "loop_control.\(key) must be a variable name, not '\(name)'")
        }
        return name
    }
}
