import Foundation

/// Jinja's filters on lists, mappings and numbers: `join`, `length`, `sort`, `unique`, `map`,
/// `select`, `selectattr`, `dictsort`, `batch`, `sum`, `round`, `int`, `tojson`…
enum SequenceFilters {
    static func apply(
        _ name: String, _ value: TemplateValue, _ call: CallArguments, renderer: Renderer, at position: Position
    ) throws -> TemplateValue? {
        switch name {
        case "length", "count":
            switch value {
            case .string(let text): return .int(text.unicodeScalars.count)
            case .list(let items), .tuple(let items): return .int(items.count)
            case .dict(let dict): return .int(dict.count)
            default: throw TemplateError(.type, "object of type '\(value.typeName)' has no len()")
            }
        case "list": return .list(try renderer.iterate(value, at: position))
        case "join":
            var items = try renderer.iterate(value, at: position)
            if let attribute = call.value(1, "attribute") {
                items = try items.map { try lookup(attribute, in: $0, renderer: renderer, at: position) }
            }
            let text = try items.map { PythonText.str(try renderer.strict($0, at: position)) }.joined(
                separator: Filters.string(call.value(0, "d")))
            try renderer.budget.check(length: text.utf8.count)
            return .string(text)
        case "first", "last":
            let items = try renderer.iterate(value, at: position)
            return (name == "first" ? items.first : items.last)
                ?? .undefined("No \(name) item, sequence was empty.", name: name)
        case "reverse":
            if case .string(let text) = value { return .string(PythonString.string(text.unicodeScalars.reversed())) }
            return .list(try renderer.iterate(value, at: position).reversed())
        case "sort":
            return .list(try sort(try renderer.iterate(value, at: position), call, renderer: renderer, at: position))
        case "unique":
            return .list(try unique(try renderer.iterate(value, at: position), call, renderer: renderer, at: position))
        case "min", "max":
            let sorted = try sort(
                try renderer.iterate(value, at: position),
                CallArguments(
                    positional: [],
                    named: [
                        ("case_sensitive", call.value(0, "case_sensitive") ?? .bool(false)),
                        ("attribute", call.value(1, "attribute") ?? .none),
                    ]), renderer: renderer, at: position)
            return (name == "min" ? sorted.first : sorted.last)
                ?? .undefined("No aggregated item, sequence was empty.", name: name)
        case "sum":
            var total = call.value(1, "start") ?? .int(0)
            for item in try renderer.iterate(value, at: position) {
                let term =
                    try call.value(0, "attribute").map { try lookup($0, in: item, renderer: renderer, at: position) }
                    ?? item
                total = try Operators.binary(
                    "+", total, try renderer.strict(term, at: position), renderer: renderer, at: position)
            }
            return total
        case "map":
            return .list(try map(try renderer.iterate(value, at: position), call, renderer: renderer, at: position))
        case "select", "reject", "selectattr", "rejectattr":
            return .list(
                try select(name, try renderer.iterate(value, at: position), call, renderer: renderer, at: position))
        case "dictsort": return try dictsort(value, call, renderer: renderer, at: position)
        case "items":
            guard case .dict(let dict) = value else {
                throw TemplateError(.type, "can only get item pairs from a mapping")
            }
            return .list(dict.pairs.map { .tuple([$0.0, $0.1]) })
        case "batch":
            guard let size = call.value(0, "linecount")?.integer, size > 0 else {
                throw TemplateError(.type, "batch needs a positive size")
            }
            let items = try renderer.iterate(value, at: position)
            var batches = stride(from: 0, to: items.count, by: size).map {
                Array(items[$0..<min($0 + size, items.count)])
            }
            if let fill = call.value(1, "fill_with"), fill != .none, let last = batches.last, last.count < size {
                batches[batches.count - 1] = last + Array(repeating: fill, count: size - last.count)
            }
            return .list(batches.map(TemplateValue.list))
        case "abs":
            switch value {
            case .int(let number): return .int(abs(number))
            case .double(let number): return .double(abs(number))
            case .bool(let flag): return .int(flag ? 1 : 0)
            default: throw TemplateError(.type, "bad operand type for abs(): '\(value.typeName)'")
            }
        case "round": return try round(value, call)
        case "int": return integer(value, call)
        case "float": return float(value, call)
        case "tojson":
            return .string(try JSONText.write(value, style: .jinja(indent: call.value(0, "indent")?.integer)))
        default: return nil
        }
    }

    /// `item`'s attribute `path` (`a.b`, `ports.0`), as Jinja's `attribute=` reads it.
    static func lookup(
        _ path: TemplateValue, in item: TemplateValue, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        if let index = path.integer {
            return try Access.item(.int(index), of: item, path: nil, renderer: renderer, at: position)
        }
        var current = item
        for part in PythonText.str(path).split(separator: ".", omittingEmptySubsequences: false) {
            let key: TemplateValue = Int(part).map(TemplateValue.int) ?? .string(String(part))
            current = try Access.item(
                key, of: try renderer.strict(current, at: position), path: nil, renderer: renderer, at: position)
        }
        return current
    }

    /// The key a sort compares: the attributes named (comma-separated), strings lower case unless case-sensitive.
    private static func key(
        _ item: TemplateValue, _ attribute: TemplateValue?, caseSensitive: Bool, renderer: Renderer,
        at position: Position
    ) throws -> TemplateValue {
        func fold(_ value: TemplateValue) -> TemplateValue {
            if !caseSensitive, case .string(let text) = value { return .string(text.lowercased()) }
            return value
        }
        guard let attribute, attribute != .none else { return fold(item) }
        let parts = PythonText.str(attribute).split(separator: ",").map { TemplateValue.string(String($0)) }
        let values = try parts.map {
            fold(try renderer.strict(try lookup($0, in: item, renderer: renderer, at: position), at: position))
        }
        return values.count == 1 ? values[0] : .list(values)
    }

    private static func sort(
        _ items: [TemplateValue], _ call: CallArguments, renderer: Renderer, at position: Position
    ) throws -> [TemplateValue] {
        let reverse = call.flag(0, "reverse"), caseSensitive = call.flag(1, "case_sensitive")
        let keyed = try items.map {
            (
                try key($0, call.value(2, "attribute"), caseSensitive: caseSensitive, renderer: renderer, at: position),
                $0
            )
        }
        var failure: TemplateError?
        let sorted = keyed.enumerated().sorted { a, b in
            guard let order = Operators.order(a.element.0, b.element.0) else {
                failure = TemplateError(
                    .type,
                    "'<' not supported between instances of '\(a.element.0.typeName)' and '\(b.element.0.typeName)'")
                return false
            }
            return order == 0 ? a.offset < b.offset : (order < 0) != reverse
        }
        if let failure { throw failure }
        return sorted.map(\.element.1)
    }

    private static func unique(
        _ items: [TemplateValue], _ call: CallArguments, renderer: Renderer, at position: Position
    ) throws -> [TemplateValue] {
        var seen = Set<TemplateValue>()
        var result: [TemplateValue] = []
        for item in items {
            let key = try key(
                item, call.value(1, "attribute"), caseSensitive: call.flag(0, "case_sensitive"), renderer: renderer,
                at: position)
            if seen.insert(key).inserted { result.append(item) }
        }
        return result
    }

    private static func map(
        _ items: [TemplateValue], _ call: CallArguments, renderer: Renderer, at position: Position
    ) throws -> [TemplateValue] {
        if let attribute = call.named.first(where: { $0.0 == "attribute" })?.1 {
            let fallback = call.named.first { $0.0 == "default" }?.1
            return try items.map { item in
                let found = try lookup(attribute, in: item, renderer: renderer, at: position)
                return found.isUndefined ? fallback ?? found : found
            }
        }
        guard case .string(let filter)? = call.positional.first else {
            throw TemplateError(.type, "map requires a filter argument")
        }
        let rest = CallArguments(positional: Array(call.positional.dropFirst()), named: call.named)
        return try items.map { try Filters.apply(filter, to: $0, arguments: rest, renderer: renderer, at: position) }
    }

    private static func select(
        _ name: String, _ items: [TemplateValue], _ call: CallArguments, renderer: Renderer, at position: Position
    ) throws -> [TemplateValue] {
        let byAttribute = name.hasSuffix("attr"), keep = name.hasPrefix("select")
        var arguments = call.positional
        var attribute: TemplateValue?
        if byAttribute {
            guard !arguments.isEmpty else { throw TemplateError(.type, "\(name) needs an attribute name") }
            attribute = arguments.removeFirst()
        }
        let test = arguments.first.map(PythonText.str)
        let rest = CallArguments(positional: Array(arguments.dropFirst()), named: call.named)
        return try items.filter { item in
            let subject = try attribute.map { try lookup($0, in: item, renderer: renderer, at: position) } ?? item
            let passes =
                try test.map { try Tests.apply($0, to: subject, arguments: rest, renderer: renderer, at: position) }
                ?? renderer.truth(subject, at: position)
            return passes == keep
        }
    }

    private static func dictsort(
        _ value: TemplateValue, _ call: CallArguments, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        guard case .dict(let dict) = value else {
            throw TemplateError(.type, "dictsort sorts a mapping, not \(value.typeName)")
        }
        let byValue = Filters.string(call.value(1, "by")) == "value"
        let pairs = dict.pairs.map { TemplateValue.tuple([$0.0, $0.1]) }
        let sorted = try sort(
            pairs,
            CallArguments(
                positional: [],
                named: [
                    ("reverse", call.value(2, "reverse") ?? .bool(false)),
                    ("case_sensitive", call.value(0, "case_sensitive") ?? .bool(false)),
                    ("attribute", .int(byValue ? 1 : 0)),
                ]), renderer: renderer, at: position)
        return .list(sorted)
    }

    private static func round(_ value: TemplateValue, _ call: CallArguments) throws -> TemplateValue {
        guard let number = value.number else {
            throw TemplateError(.type, "type \(value.typeName) doesn't define __round__ method")
        }
        let precision = call.value(0, "precision")?.integer ?? 0
        let method = Filters.string(call.value(1, "method") ?? .string("common"))
        let scale = pow(10, Double(precision))
        switch method {
        case "common":
            if case .int = value, precision >= 0 { return value }
            guard precision >= 0 else {
                let rounded =
                    (number / pow(10, Double(-precision))).rounded(.toNearestOrEven) * pow(10, Double(-precision))
                if case .int = value { return .int(Int(rounded)) }
                return .double(rounded)
            }
            return .double(Double(String(format: "%.\(precision)f", number)) ?? number)
        case "floor": return .double((number * scale).rounded(.down) / scale)
        case "ceil": return .double((number * scale).rounded(.up) / scale)
        default: throw TemplateError(.type, "method must be common, ceil or floor")
        }
    }

    private static func integer(_ value: TemplateValue, _ call: CallArguments) -> TemplateValue {
        let fallback = call.value(0, "default") ?? .int(0)
        let base = call.value(1, "base")?.integer ?? 10
        switch value {
        case .int, .bool: return .int(value.integer!)
        case .double(let number): return number.isFinite && abs(number) < 9e18 ? .int(Int(number)) : fallback
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            var digits = trimmed
            if base == 16 && digits.lowercased().hasPrefix("0x") { digits = String(digits.dropFirst(2)) }
            if base == 8 && digits.lowercased().hasPrefix("0o") { digits = String(digits.dropFirst(2)) }
            if base == 2 && digits.lowercased().hasPrefix("0b") { digits = String(digits.dropFirst(2)) }
            if let number = Int(digits, radix: base) { return .int(number) }
            if let number = Double(trimmed), number.isFinite, abs(number) < 9e18, !trimmed.lowercased().contains("n") {
                return .int(Int(number))
            }
            return fallback
        default: return fallback
        }
    }

    private static func float(_ value: TemplateValue, _ call: CallArguments) -> TemplateValue {
        let fallback = call.value(0, "default") ?? .double(0)
        switch value {
        case .int, .bool, .double: return .double(value.number!)
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let number = Double(trimmed), !trimmed.lowercased().hasPrefix("0x") { return .double(number) }
            return fallback
        default: return fallback
        }
    }
}
