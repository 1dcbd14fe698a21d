import Foundation

/// Jinja's built-in filters that Ansible users reach for, and where the rest are found
/// (`SequenceFilters`, `AnsibleFilters`). `ansible.builtin.` names are the same filters.
enum Filters {
    /// Every filter's name, for "did you mean" on a misspelt one.
    static let names = [
        "abs", "b64decode", "b64encode", "basename", "batch", "bool", "capitalize", "center", "combine", "count", "d",
        "default", "dict2items", "dictsort", "dirname", "first", "flatten", "float", "format", "indent", "int", "items",
        "items2dict", "join", "last", "length", "list", "lower", "mandatory", "map", "max", "min", "regex_replace",
        "regex_search", "reject", "rejectattr", "replace", "reverse", "round", "select", "selectattr", "sort", "split",
        "string", "sum", "ternary", "title", "to_json", "to_nice_json", "to_nice_yaml", "to_yaml", "tojson", "trim",
        "truncate", "unique", "upper", "wordcount",
    ]

    static func apply(
        _ given: String, to value: TemplateValue, arguments: CallArguments, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        let name = given.replacingOccurrences(of: "ansible.builtin.", with: "")
        do {
            switch name {
            case "default", "d":
                let fallback = arguments.value(0, "default_value") ?? .string("")
                if value.isUndefined { return fallback }
                return try arguments.flag(1, "boolean") && !renderer.truth(value, at: position) ? fallback : value
            case "mandatory":
                guard !value.isUndefined else {
                    if case .string(let message)? = arguments.value(0, "msg") { throw TemplateError(.failed, message) }
                    guard case .undefined(_, let variable) = value else {
                        throw TemplateError(.failed, "Mandatory variable not defined.")
                    }
                    throw TemplateError(.undefined(name: variable), "Mandatory variable '\(variable)' not defined.")
                }
                return value
            default:
                break
            }
            let subject = try renderer.strict(value, at: position)
            let call = CallArguments(
                positional: try arguments.positional.map { try renderer.strict($0, at: position) },
                named: try arguments.named.map { ($0.0, try renderer.strict($0.1, at: position)) })
            if let result = try text(name, subject, call, renderer: renderer) { return result }
            if let result = try SequenceFilters.apply(name, subject, call, renderer: renderer, at: position) {
                return result
            }
            if let result = try AnsibleFilters.apply(name, subject, call, renderer: renderer, at: position) {
                return result
            }
            var error = renderer.fail(.syntax, "no filter named '\(name)'", at: position)
            error.unknown = (name, names)
            throw error
        } catch let error as TemplateError where error.line == 1 && error.column == 1 {
            throw renderer.fail(error.kind, error.message, at: position)
        }
    }

    static func string(_ value: TemplateValue?) -> String {
        value.map(PythonText.str) ?? ""
    }

    private static func text(
        _ name: String, _ value: TemplateValue, _ call: CallArguments, renderer: Renderer
    ) throws -> TemplateValue? {
        // Only the text filters read it: made for `length` of a long list, it was quadratic.
        lazy var text = PythonText.str(value)
        switch name {
        case "upper": return .string(text.uppercased())
        case "lower": return .string(text.lowercased())
        case "capitalize": return .string(PythonString.capitalize(text))
        case "title": return .string(title(text))
        case "trim":
            let characters = call.value(0, "chars").flatMap { $0 == .none ? nil : PythonText.str($0) }
            return .string(PythonString.strip(text, characters, leading: true, trailing: true))
        case "replace":
            guard let old = call.value(0, "old"), let new = call.value(1, "new") else {
                throw TemplateError(.type, "replace needs the old and the new text")
            }
            return .string(
                try PythonString.replace(
                    text, PythonText.str(old), with: PythonText.str(new),
                    count: call.value(2, "count")?.integer ?? -1, budget: renderer.budget))
        case "string": return .string(text)
        case "format":
            if !call.named.isEmpty {
                return .string(
                    try PythonFormat.percent(text, .dict(TemplateDict(call.named.map { (.string($0.0), $0.1) }))))
            }
            return .string(try PythonFormat.percent(text, .tuple(call.positional)))
        case "indent": return .string(try indent(text, call, renderer: renderer))
        case "center":
            let width = call.value(0, "width")?.integer ?? 80
            try renderer.budget.check(length: width)
            let margin = width - text.unicodeScalars.count
            guard margin > 0 else { return .string(text) }
            let left = margin / 2 + (margin & width & 1)
            return .string(String(repeating: " ", count: left) + text + String(repeating: " ", count: margin - left))
        case "truncate": return .string(try truncate(text, call))
        case "wordcount":
            let words = try NSRegularExpression(pattern: #"\w+"#).numberOfMatches(
                in: text, range: NSRange(text.startIndex..., in: text))
            return .int(words)
        case "b64encode": return .string(Data(text.utf8).base64EncodedString())
        case "b64decode":
            var padded = text.filter { !$0.isWhitespace }
            while padded.count % 4 != 0 { padded += "=" }
            guard let data = Data(base64Encoded: padded), let decoded = String(data: data, encoding: .utf8) else {
                throw TemplateError(.type, "b64decode: the value is not base64 of UTF-8 text")
            }
            return .string(decoded)
        default:
            return nil
        }
    }

    /// Jinja's `title`: the first letter of each word after `-`, space or an opening bracket upper case.
    private static func title(_ text: String) -> String {
        var result = ""
        var atStart = true
        for scalar in text.unicodeScalars {
            let separator = scalar.properties.isWhitespace || "-({[<".unicodeScalars.contains(scalar)
            result += separator ? String(scalar) : atStart ? String(scalar).uppercased() : String(scalar).lowercased()
            atStart = separator
        }
        return result
    }

    private static func indent(_ text: String, _ call: CallArguments, renderer: Renderer) throws -> String {
        let indention: String
        switch call.value(0, "width") {
        case .string(let given)?: indention = given
        case let width?:
            let count = width.integer ?? 4
            try renderer.budget.check(length: count)
            indention = String(repeating: " ", count: max(0, count))
        case nil: indention = "    "
        }
        let lines = (text + "\n").replacingCRLF().components(separatedBy: "\n").dropLast()
        var result: String
        if call.flag(2, "blank") {
            result = lines.joined(separator: "\n" + indention)
        } else {
            result = lines.first ?? ""
            let rest = lines.dropFirst()
            if !rest.isEmpty { result += "\n" + rest.map { $0.isEmpty ? $0 : indention + $0 }.joined(separator: "\n") }
        }
        try renderer.budget.check(length: result.utf8.count)
        return call.flag(1, "first") ? indention + result : result
    }

    private static func truncate(_ text: String, _ call: CallArguments) throws -> String {
        let length = call.value(0, "length")?.integer ?? 255
        let end = call.value(2, "end").map(PythonText.str) ?? "..."
        let leeway = call.value(3, "leeway")?.integer ?? 5
        let scalars = Array(text.unicodeScalars), endCount = end.unicodeScalars.count
        guard length >= endCount else { throw TemplateError(.type, "expected length >= \(endCount), got \(length)") }
        guard scalars.count > length + leeway else { return text }
        let head = PythonString.string(scalars.prefix(length - endCount))
        if call.flag(1, "killwords") { return head + end }
        guard let space = head.range(of: " ", options: .backwards) else { return head + end }
        return String(head[..<space.lowerBound]) + end
    }
}
