import Foundation

/// Values as PyYAML's `yaml.dump` writes them for Ansible's `to_yaml` (collections of scalars
/// in flow style) and `to_nice_yaml` (block style, indent 4): keys sorted, strings plain unless
/// they would read back as another type or hold YAML's indicators, then in single quotes.
/// Multi-line and very long strings are written double-quoted rather than folded.
enum YAMLText {
    static func write(_ given: TemplateValue, block: Bool, indent: Int) throws -> String {
        let writer = Writer(block: block, indent: max(2, indent))
        let value = listed(given)
        switch value {
        case .list(let items) where !items.isEmpty && (block || !items.allSatisfy(\.isScalar)):
            return try writer.sequence(items, level: 0)
        case .dict(let dict) where dict.count > 0 && (block || !dict.values.allSatisfy(\.isScalar)):
            return try writer.mapping(dict, level: 0)
        case .list, .dict:
            return try writer.flow(value) + "\n"
        default:
            return try writer.scalar(value, flow: false) + "\n...\n"
        }
    }

    /// The value with its tuples as lists, as PyYAML's safe dumper writes them.
    private static func listed(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .list(let items), .tuple(let items): return .list(items.map(listed))
        case .dict(let dict): return .dict(TemplateDict(dict.pairs.map { ($0.0, listed($0.1)) }))
        default: return value
        }
    }

    private struct Writer {
        let block: Bool
        let indent: Int

        func mapping(_ dict: TemplateDict, level: Int) throws -> String {
            var text = ""
            let pad = String(repeating: " ", count: level)
            for (key, value) in try sortedPairs(dict) {
                text += pad + (try scalar(key, flow: false)) + ":"
                text += try nested(value, level: level, inMapping: true)
            }
            return text
        }

        func sequence(_ items: [TemplateValue], level: Int) throws -> String {
            var text = ""
            let pad = String(repeating: " ", count: level)
            for item in items {
                switch item {
                case .dict(let dict) where dict.count > 0 && (block || !dict.values.allSatisfy(\.isScalar)):
                    let body = try mapping(dict, level: level + indent)
                    text += pad + "-" + String(repeating: " ", count: indent - 1) + body.dropFirst(level + indent)
                case .list(let inner) where !inner.isEmpty && (block || !inner.allSatisfy(\.isScalar)):
                    let body = try sequence(inner, level: level + indent)
                    text += pad + "-" + String(repeating: " ", count: indent - 1) + body.dropFirst(level + indent)
                default:
                    text += pad + "- " + (try flowOrScalar(item)) + "\n"
                }
            }
            return text
        }

        private func nested(_ value: TemplateValue, level: Int, inMapping: Bool) throws -> String {
            switch value {
            case .dict(let dict) where dict.count > 0 && (block || !dict.values.allSatisfy(\.isScalar)):
                return "\n" + (try mapping(dict, level: level + indent))
            case .list(let items) where !items.isEmpty && (block || !items.allSatisfy(\.isScalar)):
                return "\n" + (try sequence(items, level: level))
            default:
                return " " + (try flowOrScalar(value)) + "\n"
            }
        }

        private func flowOrScalar(_ value: TemplateValue) throws -> String {
            switch value {
            case .list, .dict: return try flow(value)
            default: return try scalar(value, flow: false)
            }
        }

        func flow(_ value: TemplateValue) throws -> String {
            switch value {
            case .list(let items): return "[" + (try items.map(flow)).joined(separator: ", ") + "]"
            case .dict(let dict): return "{" + (try sortedPairs(dict).map { try scalar($0.0, flow: true) + ": " + flow($0.1) }).joined(separator: ", ") + "}"
            default: return try scalar(value, flow: true)
            }
        }

        private func sortedPairs(_ dict: TemplateDict) throws -> [(TemplateValue, TemplateValue)] {
            var failure: TemplateError?
            let pairs = dict.pairs.sorted { a, b in
                guard let order = Operators.order(a.0, b.0) else {
                    failure = TemplateError(.type, "'<' not supported between instances of '\(a.0.typeName)' and '\(b.0.typeName)'")
                    return false
                }
                return order < 0
            }
            if let failure { throw failure }
            return pairs
        }

        func scalar(_ value: TemplateValue, flow: Bool) throws -> String {
            switch value {
            case .none: return "null"
            case .bool(let flag): return flag ? "true" : "false"
            case .int(let number): return String(number)
            case .double(let number):
                if number.isNaN { return ".nan" }
                if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
                var text = PythonText.float(number).lowercased()
                if !text.contains("."), let e = text.firstIndex(of: "e") { text = text[..<e] + ".0" + text[e...] }
                return text
            case .string(let text): return YAMLText.string(text, flow: flow)
            case .undefined(let message, let name): throw TemplateError(.undefined(name: name), message)
            default: throw TemplateError(.type, "cannot represent \(value.typeName) in YAML")
            }
        }
    }

    private static let implicit = try! NSRegularExpression(pattern: [
        #"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"#,
        #"^(?:~|null|Null|NULL|)$"#,
        #"^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$|^\.[0-9_]+(?:[eE][-+][0-9]+)?$|^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"#,
        #"^[-+]?0b[0-1_]+$|^[-+]?0[0-7_]+$|^[-+]?(?:0|[1-9][0-9_]*)$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$"#,
        #"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"#, #"^(?:<<|=)$"#,
    ].joined(separator: "|"))

    /// A string plain if PyYAML would write it so, else in single (or, for line breaks and
    /// control characters, double) quotes.
    static func string(_ text: String, flow: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        if scalars.contains(where: { $0.value < 0x20 || $0 == "\u{7f}" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{feff}" }) || scalars.count > 70 {
            return JSONText.quote(text).replacingOccurrences(of: "\\u00", with: "\\x")
        }
        if plain(scalars, flow: flow) && implicit.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func plain(_ scalars: [Unicode.Scalar], flow: Bool) -> Bool {
        guard let first = scalars.first, let last = scalars.last, first != " ", last != " " else { return false }
        let text = String(String.UnicodeScalarView(scalars))
        if text.hasPrefix("---") || text.hasPrefix("...") { return false }
        if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if "-?:".unicodeScalars.contains(first) && (scalars.count == 1 || scalars[1] == " ") { return false }
        for (index, scalar) in scalars.enumerated() {
            if flow && ",?[]{}".unicodeScalars.contains(scalar) { return false }
            if scalar == ":" && (index == scalars.count - 1 || scalars[index + 1] == " " || (flow && ",[]{}".unicodeScalars.contains(scalars[index + 1]))) { return false }
            if scalar == "#" && index > 0 && scalars[index - 1] == " " { return false }
        }
        return true
    }
}

extension TemplateValue {
    var isScalar: Bool {
        switch self {
        case .list, .dict: return false
        default: return true
        }
    }
}
