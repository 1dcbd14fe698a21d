/// Values as Python's `json.dumps` writes them: ASCII only (`\uXXXX` beyond), `", "` and
/// `": "` between items, or one item a line with an indent.
enum JSONText {
    enum Style {
        /// Jinja's `tojson`: keys sorted, `<`, `>`, `&` and `'` escaped for HTML.
        case jinja(indent: Int?)
        /// Ansible's `to_json`.
        case python(indent: Int?, sortKeys: Bool)
        /// Ansible's `to_nice_json`.
        case nice(indent: Int, sortKeys: Bool)
    }

    static func write(_ value: TemplateValue, style: Style) throws -> String {
        switch style {
        case .jinja(let indent):
            return try write(value, indent: indent, sortKeys: true, level: 0)
                .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
                .replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "'", with: "\\u0027")
        case .python(let indent, let sortKeys): return try write(value, indent: indent, sortKeys: sortKeys, level: 0)
        case .nice(let indent, let sortKeys): return try write(value, indent: indent, sortKeys: sortKeys, level: 0)
        }
    }

    private static func write(_ value: TemplateValue, indent: Int?, sortKeys: Bool, level: Int) throws -> String {
        let itemSeparator = indent == nil ? ", " : ","
        func wrap(_ parts: [String], _ open: String, _ close: String) -> String {
            guard !parts.isEmpty else { return open + close }
            guard let indent else { return open + parts.joined(separator: itemSeparator) + close }
            let inner = "\n" + String(repeating: " ", count: indent * (level + 1))
            return open + inner + parts.joined(separator: itemSeparator + inner) + "\n"
                + String(repeating: " ", count: indent * level) + close
        }
        switch value {
        case .none: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number):
            if number.isNaN { return "NaN" }
            if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
            return PythonText.float(number)
        case .string(let text): return quote(text)
        case .list(let items), .tuple(let items):
            return wrap(try items.map { try write($0, indent: indent, sortKeys: sortKeys, level: level + 1) }, "[", "]")
        case .dict(let dict):
            var pairs = try dict.pairs.map { (try key($0.0), $0.1) }
            if sortKeys { pairs.sort { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) } }
            return wrap(
                try pairs.map {
                    quote($0.0) + ": " + (try write($0.1, indent: indent, sortKeys: sortKeys, level: level + 1))
                }, "{", "}")
        case .undefined(let message, let name): throw TemplateError(.undefined(name: name), message)
        case .function(let function):
            throw TemplateError(.type, "Object of type function \(function.name) is not JSON serializable")
        }
    }

    private static func key(_ value: TemplateValue) throws -> String {
        switch value {
        case .string(let text): return text
        case .none: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int, .double: return try write(value, indent: nil, sortKeys: false, level: 0)
        default: throw TemplateError(.type, "keys must be str, int, float, bool or None, not \(value.typeName)")
        }
    }

    /// A JSON string with Python's `ensure_ascii` escapes.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7f {
                    for unit in String(scalar).utf16 { result += "\\u" + hex(unit) }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hex(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
