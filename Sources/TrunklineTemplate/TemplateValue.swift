/// A value while a template renders: Python's types as Jinja sees them, an undefined name
/// (an error wherever it is used, except by `default` and `is defined`), and callables.
indirect enum TemplateValue: Sendable, Hashable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    /// Python's tuple: `(a, b)`, `set x = a, b`, the pairs of `items()` and `dictsort`.
    case tuple([TemplateValue])
    case dict(TemplateDict)
    /// What was looked up and found missing, as Jinja words it (`'x' is undefined`).
    case undefined(String, name: String)
    case function(TemplateFunction)

    /// The undefined value for a missing variable.
    static func missing(_ name: String) -> TemplateValue { .undefined("'\(name)' is undefined", name: name) }

    /// Whether the value is the lenient undefined of an inline `if` without `else`.
    var isLenient: Bool {
        if case .undefined(_, name: "") = self { return true }
        return false
    }

    /// The items of a list or a tuple.
    var sequenceItems: [TemplateValue]? {
        switch self {
        case .list(let items), .tuple(let items): return items
        default: return nil
        }
    }

    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    var isString: Bool {
        if case .string = self { return true }
        return false
    }

    var isList: Bool {
        if case .list = self { return true }
        return false
    }

    /// Whether the value is no collection.
    var isScalar: Bool {
        switch self {
        case .list, .tuple, .dict: return false
        default: return true
        }
    }

    /// The type's name as Python prints it in errors.
    var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .undefined: return "Undefined"
        case .function: return "function"
        }
    }

    /// The value as a number, if it is one (booleans are integers, as in Python).
    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    /// The value as an integer, if it is an integer or a boolean.
    var integer: Int? {
        switch self {
        case .int(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    static func == (left: TemplateValue, right: TemplateValue) -> Bool {
        switch (left, right) {
        case (.none, .none): return true
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): return a == b
        case (.dict(let a), .dict(let b)): return a == b
        case (.undefined, .undefined): return true
        case (.function(let a), .function(let b)): return a === b
        default:
            if let a = left.number, let b = right.number {
                return a == b && (left.integer == nil || right.integer == nil || left.integer == right.integer)
            }
            return false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .none: hasher.combine(0)
        case .string(let text): hasher.combine(text)
        case .list(let items), .tuple(let items): hasher.combine(items)
        case .dict(let dict): hasher.combine(dict.keys)
        case .undefined: hasher.combine(1)
        case .function(let function): hasher.combine(ObjectIdentifier(function))
        case .bool, .int, .double:
            if let integer, Double(integer) == number {
                hasher.combine(Double(integer))
            } else {
                hasher.combine(number ?? 0)
            }
        }
    }
}
