import Foundation

/// Python's arithmetic and comparisons on template values: `+` adds numbers and joins strings
/// and lists, `/` always makes a float, `//` and `%` floor as Python does, `**` of integers
/// stays an integer; mixed types that Python refuses are errors.
enum Operators {
    static func unary(
        _ symbol: String, _ value: TemplateValue, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        switch (symbol, value) {
        case ("-", .int(let number)):
            guard number != .min else { throw renderer.fail(.type, "integer overflow", at: position) }
            return .int(-number)
        case ("-", .double(let number)): return .double(-number)
        case ("-", .bool(let flag)): return .int(flag ? -1 : 0)
        case ("+", .int), ("+", .double): return value
        case ("+", .bool(let flag)): return .int(flag ? 1 : 0)
        default: throw renderer.fail(.type, "bad operand type for unary \(symbol): '\(value.typeName)'", at: position)
        }
    }

    static func binary(
        _ symbol: String, _ left: TemplateValue, _ right: TemplateValue, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        func refuse() -> TemplateError {
            renderer.fail(
                .type, "unsupported operand type(s) for \(symbol): '\(left.typeName)' and '\(right.typeName)'",
                at: position)
        }
        switch (symbol, left, right) {
        case ("+", .string(let a), .string(let b)):
            try renderer.budget.check(length: a.utf8.count + b.utf8.count)
            return .string(a + b)
        case ("+", .list(let a), .list(let b)):
            try renderer.budget.check(count: a.count + b.count)
            return .list(a + b)
        case ("+", .tuple(let a), .tuple(let b)):
            try renderer.budget.check(count: a.count + b.count)
            return .tuple(a + b)
        case ("*", .string(let text), _), ("*", _, .string(let text)):
            guard let times = (left.isString ? right : left).integer else { throw refuse() }
            try renderer.budget.check(length: text.utf8.count * max(0, min(times, RenderBudget.outputLimit + 1)))
            return .string(String(repeating: text, count: max(0, times)))
        case ("*", .list(let items), _), ("*", _, .list(let items)):
            guard let times = (left.isList ? right : left).integer else { throw refuse() }
            try renderer.budget.check(count: items.count * max(0, min(times, RenderBudget.iterationLimit + 1)))
            return .list(Array(repeating: items, count: max(0, times)).flatMap { $0 })
        case ("%", .string(let format), _):
            do { return .string(try PythonFormat.percent(format, right)) } catch let error as TemplateError {
                throw renderer.fail(error.kind, error.message, at: position)
            }
        default:
            break
        }
        guard left.number != nil, right.number != nil else { throw refuse() }
        if let a = left.integer, let b = right.integer {
            return try integers(symbol, a, b, renderer: renderer, at: position)
        }
        return try floats(symbol, left.number!, right.number!, renderer: renderer, at: position)
    }

    private static func integers(
        _ symbol: String, _ a: Int, _ b: Int, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        let overflow = renderer.fail(.type, "integer overflow", at: position)
        switch symbol {
        case "+": let (r, o) = a.addingReportingOverflow(b); if o { throw overflow }; return .int(r)
        case "-": let (r, o) = a.subtractingReportingOverflow(b); if o { throw overflow }; return .int(r)
        case "*": let (r, o) = a.multipliedReportingOverflow(by: b); if o { throw overflow }; return .int(r)
        case "/":
            guard b != 0 else { throw renderer.fail(.type, "division by zero", at: position) }
            return .double(Double(a) / Double(b))
        case "//", "%":
            guard b != 0 else { throw renderer.fail(.type, "integer division or modulo by zero", at: position) }
            var quotient = a / b, remainder = a % b
            if remainder != 0 && (remainder < 0) != (b < 0) { quotient -= 1; remainder += b }
            return .int(symbol == "//" ? quotient : remainder)
        case "**":
            guard b >= 0 else { return try floats(symbol, Double(a), Double(b), renderer: renderer, at: position) }
            var result = 1
            for _ in 0..<b {
                let (r, o) = result.multipliedReportingOverflow(by: a)
                if o { throw overflow }
                result = r
                if result == 0 || result == 1 && a == 1 { break }
            }
            return .int(result)
        default: throw renderer.fail(.type, "unknown operator \(symbol)", at: position)
        }
    }

    private static func floats(
        _ symbol: String, _ a: Double, _ b: Double, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        switch symbol {
        case "+": return .double(a + b)
        case "-": return .double(a - b)
        case "*": return .double(a * b)
        case "/", "//", "%":
            guard b != 0 else { throw renderer.fail(.type, "float division by zero", at: position) }
            if symbol == "/" { return .double(a / b) }
            if symbol == "//" { return .double((a / b).rounded(.down)) }
            let remainder = fmod(a, b)
            return .double(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
        case "**":
            guard !(a == 0 && b < 0) else {
                throw renderer.fail(.type, "0.0 cannot be raised to a negative power", at: position)
            }
            return .double(pow(a, b))
        default: throw renderer.fail(.type, "unknown operator \(symbol)", at: position)
        }
    }

    static func compare(
        _ symbol: String, _ left: TemplateValue, _ right: TemplateValue, renderer: Renderer, at position: Position
    ) throws -> Bool {
        switch symbol {
        case "==": return left == right
        case "!=": return left != right
        case "in": return try contains(right, left, renderer: renderer, at: position)
        case "not in": return !(try contains(right, left, renderer: renderer, at: position))
        default:
            guard let order = order(left, right) else {
                throw renderer.fail(
                    .type, "'\(symbol)' not supported between instances of '\(left.typeName)' and '\(right.typeName)'",
                    at: position)
            }
            switch symbol {
            case "<": return order < 0
            case "<=": return order <= 0
            case ">": return order > 0
            default: return order >= 0
            }
        }
    }

    /// -1, 0 or 1 as Python orders the two, nil where it does not.
    static func order(_ left: TemplateValue, _ right: TemplateValue) -> Int? {
        switch (left, right) {
        case (.string(let a), .string(let b)):
            let x = Array(a.unicodeScalars).map(\.value), y = Array(b.unicodeScalars).map(\.value)
            return x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            for (x, y) in zip(a, b) where x != y { return order(x, y) }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        default:
            if let a = left.integer, let b = right.integer { return a == b ? 0 : (a < b ? -1 : 1) }
            guard let a = left.number, let b = right.number else { return nil }
            return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    /// `element in container`.
    static func contains(
        _ container: TemplateValue, _ element: TemplateValue, renderer: Renderer, at position: Position
    ) throws -> Bool {
        switch container {
        case .string(let text):
            guard case .string(let part) = element else {
                throw renderer.fail(
                    .type, "'in <string>' requires string as left operand, not \(element.typeName)", at: position)
            }
            return part.isEmpty || text.contains(part)
        case .list(let items), .tuple(let items): return items.contains(element)
        case .dict(let dict): return dict[element] != nil
        default: throw renderer.fail(.type, "argument of type '\(container.typeName)' is not iterable", at: position)
        }
    }
}
