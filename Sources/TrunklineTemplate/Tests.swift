import Foundation

/// Jinja's tests (`x is defined`, `x is number`, `x is in list`) and Ansible's `match` and `search`.
enum Tests {
    static let names: Set<String> = [
        "defined", "undefined", "none", "number", "string", "mapping", "sequence", "iterable", "boolean",
        "true", "false", "eq", "equalto", "==", "ne", "!=", "gt", "greaterthan", ">", "ge", ">=", "lt",
        "lessthan", "<", "le", "<=", "in", "match", "search", "regex", "integer", "float", "odd", "even",
        "divisibleby", "lower", "upper", "sameas", "callable", "list",
    ]

    static func apply(
        _ given: String, to value: TemplateValue, arguments: CallArguments, renderer: Renderer, at position: Position
    ) throws -> Bool {
        let name = given.replacingOccurrences(of: "ansible.builtin.", with: "")
        guard names.contains(name) else {
            var error = renderer.fail(.syntax, "no test named '\(name)'", at: position)
            error.unknown = (name, names.filter { $0.first?.isLetter == true }.sorted())
            throw error
        }
        switch name {
        case "defined": return !value.isUndefined
        case "undefined": return value.isUndefined
        case "none": return value == .none && !value.isUndefined
        case "boolean": if case .bool = value { return true }; return false
        case "true": return value == .bool(true) && !isNumber(value)
        case "false": return value == .bool(false) && !isNumber(value)
        case "integer": if case .int = value { return true }; return false
        case "float": if case .double = value { return true }; return false
        case "number": return value.number != nil
        case "string": return value.isString
        case "mapping": if case .dict = value { return true }; return false
        case "callable": if case .function = value { return true }; return false
        case "list": return value.isList
        default: break
        }
        let subject = try renderer.strict(value, at: position)
        let argument = try arguments.value(0, "value").map { try renderer.strict($0, at: position) }
        switch name {
        case "sequence", "iterable":
            switch subject {
            case .string, .list, .tuple, .dict: return true
            default: return false
            }
        case "odd", "even":
            guard let number = subject.integer else {
                throw renderer.fail(.type, "'\(subject.typeName)' is not an integer", at: position)
            }
            return (abs(number) % 2 == 1) == (name == "odd")
        case "divisibleby":
            guard let number = subject.integer, let divisor = argument?.integer, divisor != 0 else {
                throw renderer.fail(.type, "divisibleby needs integers", at: position)
            }
            return number % divisor == 0
        case "lower", "upper":
            guard case .string(let text) = subject else { return false }
            return name == "lower" ? text.lowercased() == text : text.uppercased() == text
        case "sameas": return subject == argument && subject.typeName == argument?.typeName
        case "match", "search", "regex":
            guard case .string(let text) = subject, case .string(let pattern)? = argument else {
                throw renderer.fail(.type, "\(name) needs a string and a pattern", at: position)
            }
            let ignoreCase = arguments.flag(1, "ignorecase"), multiline = arguments.flag(2, "multiline")
            let regex = try PythonRegex(
                pattern, ignoreCase: ignoreCase, multiline: multiline, at: position, renderer: renderer)
            return regex.firstMatch(in: text, anchored: name == "match") != nil
        default:
            guard let argument else {
                throw renderer.fail(.type, "the test '\(name)' needs a value to compare with", at: position)
            }
            switch name {
            case "eq", "equalto", "==": return subject == argument
            case "ne", "!=": return subject != argument
            case "in": return try Operators.contains(argument, subject, renderer: renderer, at: position)
            default:
                let symbol =
                    ["gt": ">", "greaterthan": ">", "ge": ">=", "lt": "<", "lessthan": "<", "le": "<="][name] ?? name
                return try Operators.compare(symbol, subject, argument, renderer: renderer, at: position)
            }
        }
    }

    private static func isNumber(_ value: TemplateValue) -> Bool {
        switch value {
        case .int, .double: return true
        default: return false
        }
    }
}
