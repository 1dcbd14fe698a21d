import Foundation

/// Values as PyYAML's `yaml.dump` writes them for Ansible's `to_yaml` (collections of scalars
/// in flow style) and `to_nice_yaml` (block style, indent 4): keys sorted, strings plain unless
/// they would read back as another type or hold YAML's indicators, then in single quotes, and
/// lines broken at a space past column 80 as PyYAML breaks them. Strings that PyYAML would
/// double-quote (control characters, a space next to a line break) are written in JSON's quotes.
enum YAMLText {
    static func write(_ given: TemplateValue, block: Bool, indent: Int) throws -> String {
        var emitter = Emitter(block: block, indent: max(2, indent))
        let value = listed(given)
        if emitter.isBlock(value) {
            if case .dict(let dict) = value {
                try emitter.mapping(dict, level: 0)
            } else if let items = value.sequenceItems {
                try emitter.sequence(items, level: 0)
            }
        } else if value.isScalar {
            try emitter.scalar(value, indent: emitter.indent, key: false)
            emitter.text += "\n..."
        } else {
            try emitter.flow(value, indent: emitter.indent)
        }
        return emitter.text + "\n"
    }

    /// The value with its tuples as lists, as PyYAML's safe dumper writes them.
    private static func listed(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .list(let items), .tuple(let items): return .list(items.map(listed))
        case .dict(let dict): return .dict(TemplateDict(dict.pairs.map { ($0.0, listed($0.1)) }))
        default: return value
        }
    }

    private struct Emitter {
        let block: Bool
        let indent: Int
        static let width = 80
        var text = ""
        var column = 0

        init(block: Bool, indent: Int) {
            self.block = block
            self.indent = indent
        }

        /// Whether `value` is written in block style: a non-empty collection, in `to_yaml` only
        /// one that holds a collection.
        func isBlock(_ value: TemplateValue) -> Bool {
            switch value {
            case .dict(let dict): return dict.count > 0 && (block || !dict.values.allSatisfy(\.isScalar))
            case .list(let items): return !items.isEmpty && (block || !items.allSatisfy(\.isScalar))
            default: return false
            }
        }

        mutating func put(_ part: String) {
            text += part
            if let newline = part.lastIndex(of: "\n") {
                column = part[part.index(after: newline)...].unicodeScalars.count
            } else {
                column += part.unicodeScalars.count
            }
        }

        /// A new line indented to `level`.
        mutating func newline(_ level: Int) {
            put("\n" + String(repeating: " ", count: level))
        }

        mutating func pad(to level: Int) {
            if column < level { put(String(repeating: " ", count: level - column)) }
        }

        mutating func mapping(_ dict: TemplateDict, level: Int) throws {
            for (offset, (key, value)) in try sortedPairs(dict).enumerated() {
                if offset > 0 { newline(level) } else { pad(to: level) }
                try scalar(key, indent: level + indent, key: true)
                put(":")
                try nested(value, level: level)
            }
        }

        mutating func sequence(_ items: [TemplateValue], level: Int) throws {
            for (offset, item) in items.enumerated() {
                if offset > 0 { newline(level) } else { pad(to: level) }
                put("-")
                if isBlock(item) {
                    pad(to: level + indent)
                    if case .dict(let dict) = item {
                        try mapping(dict, level: level + indent)
                    } else if let inner = item.sequenceItems {
                        try sequence(inner, level: level + indent)
                    }
                } else {
                    put(" ")
                    try flowOrScalar(item, indent: level + indent)
                }
            }
        }

        private mutating func nested(_ value: TemplateValue, level: Int) throws {
            guard isBlock(value) else {
                put(" ")
                return try flowOrScalar(value, indent: level + indent)
            }
            if case .dict(let dict) = value {
                newline(level + indent)
                try mapping(dict, level: level + indent)
            } else if let items = value.sequenceItems {
                newline(level)
                try sequence(items, level: level)
            }
        }

        private mutating func flowOrScalar(_ value: TemplateValue, indent level: Int) throws {
            if value.isScalar { try scalar(value, indent: level, key: false) } else { try flow(value, indent: level) }
        }

        /// A flow collection whose items break to `level` past the width.
        mutating func flow(_ value: TemplateValue, indent level: Int) throws {
            let pairs: [(TemplateValue?, TemplateValue)]
            if case .dict(let dict) = value {
                pairs = try sortedPairs(dict).map { ($0.0, $0.1) }
            } else {
                pairs = (value.sequenceItems ?? []).map { (nil, $0) }
            }
            let isMapping: Bool
            if case .dict = value { isMapping = true } else { isMapping = false }
            put(isMapping ? "{" : "[")
            for (offset, (key, item)) in pairs.enumerated() {
                if offset > 0 { put(",") }
                if column > Self.width { newline(level) } else if offset > 0 { put(" ") }
                if let key {
                    try scalar(key, indent: level + indent, key: true, flow: true)
                    put(": ")
                }
                if item.isScalar {
                    try scalar(item, indent: level + indent, key: false, flow: true)
                } else {
                    try flow(item, indent: level + indent)
                }
            }
            put(isMapping ? "}" : "]")
        }

        private func sortedPairs(_ dict: TemplateDict) throws -> [(TemplateValue, TemplateValue)] {
            var failure: TemplateError?
            let pairs = dict.pairs.sorted { a, b in
                guard let order = Operators.order(a.0, b.0) else {
                    failure = TemplateError(
                        .type, "'<' not supported between instances of '\(a.0.typeName)' and '\(b.0.typeName)'")
                    return false
                }
                return order < 0
            }
            if let failure { throw failure }
            return pairs
        }

        mutating func scalar(_ value: TemplateValue, indent level: Int, key: Bool, flow: Bool = false) throws {
            switch value {
            case .none: put("null")
            case .bool(let flag): put(flag ? "true" : "false")
            case .int(let number): put(String(number))
            case .double(let number):
                if number.isNaN { return put(".nan") }
                if number.isInfinite { return put(number < 0 ? "-.inf" : ".inf") }
                var text = PythonText.float(number).lowercased()
                if !text.contains("."), let e = text.firstIndex(of: "e") { text = text[..<e] + ".0" + text[e...] }
                put(text)
            case .string(let text): string(text, indent: level, key: key, flow: flow)
            case .undefined(let message, let name): throw TemplateError(.undefined(name: name), message)
            default: throw TemplateError(.type, "cannot represent \(value.typeName) in YAML")
            }
        }

        private mutating func string(_ text: String, indent level: Int, key: Bool, flow: Bool) {
            let scalars = Array(text.unicodeScalars)
            switch YAMLText.style(scalars, flow: flow, key: key) {
            case .plain: words(scalars, indent: level, split: !key, quoted: false)
            case .single:
                put("'")
                words(scalars, indent: level, split: !key, quoted: true)
                put("'")
            case .double: put(JSONText.quote(text).replacingOccurrences(of: "\\u00", with: "\\x"))
            }
        }

        /// PyYAML's `write_plain` and `write_single_quoted`: a single space past the width
        /// breaks the line; in quotes a line break is written doubled, `'` as `''`.
        private mutating func words(_ scalars: [Unicode.Scalar], indent level: Int, split: Bool, quoted: Bool) {
            var start = 0, end = 0
            var spaces = false, breaks = false
            while end <= scalars.count {
                let ch: Unicode.Scalar? = end < scalars.count ? scalars[end] : nil
                if spaces {
                    if ch != " " {
                        if start + 1 == end && column > Self.width && split
                            && (!quoted || (start != 0 && end != scalars.count))
                        {
                            newline(level)
                        } else {
                            put(PythonString.string(scalars[start..<end]))
                        }
                        start = end
                    }
                } else if breaks {
                    if ch == nil || !YAMLText.isBreak(ch!) {
                        if scalars[start] == "\n" { put("\n") }
                        for _ in start..<end { put("\n") }
                        pad(to: level)
                        start = end
                    }
                } else if ch == nil || ch == " " || YAMLText.isBreak(ch!) || (quoted && ch == "'") {
                    if start < end { put(PythonString.string(scalars[start..<end])) }
                    if quoted && ch == "'" {
                        put("''")
                        start = end + 1
                    } else {
                        start = end
                    }
                }
                if let ch {
                    spaces = ch == " "
                    breaks = YAMLText.isBreak(ch)
                }
                end += 1
            }
        }
    }

    enum Style { case plain, single, double }

    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static let implicit = try! NSRegularExpression(
        pattern: [
            #"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"#,
            #"^(?:~|null|Null|NULL|)$"#,
            #"^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$|^\.[0-9_]+(?:[eE][-+][0-9]+)?$|^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"#,
            #"^[-+]?0b[0-1_]+$|^[-+]?0[0-7_]+$|^[-+]?(?:0|[1-9][0-9_]*)$|^[-+]?0x[0-9a-fA-F_]+$|^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$"#,
            #"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"#, #"^(?:<<|=)$"#,
        ].joined(separator: "|"))

    /// How PyYAML writes the string: plain, in single quotes or in double quotes.
    static func style(_ scalars: [Unicode.Scalar], flow: Bool, key: Bool) -> Style {
        let special = scalars.contains {
            ($0.value < 0x20 && $0 != "\n") || $0 == "\u{7f}" || $0 == "\u{feff}"
                || (0x80..<0xa0).contains($0.value) && $0 != "\u{85}"
        }
        let multiline = scalars.contains(where: isBreak)
        let spaceBreak = zip(scalars, scalars.dropFirst()).contains { ($0.0 == " " && isBreak($0.1)) }
        let breakSpace = zip(scalars, scalars.dropFirst()).contains { (isBreak($0.0) && $0.1 == " ") }
        if special || spaceBreak || breakSpace || (key && multiline) { return .double }
        let text = PythonString.string(scalars)
        if !multiline && plain(scalars, flow: flow)
            && implicit.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
        {
            return .plain
        }
        return .single
    }

    private static func plain(_ scalars: [Unicode.Scalar], flow: Bool) -> Bool {
        guard let first = scalars.first, let last = scalars.last, first != " ", last != " " else { return false }
        let text = PythonString.string(scalars)
        if text.hasPrefix("---") || text.hasPrefix("...") { return false }
        if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if "-?:".unicodeScalars.contains(first) && (scalars.count == 1 || scalars[1] == " ") { return false }
        for (index, scalar) in scalars.enumerated() {
            if flow && ",?[]{}".unicodeScalars.contains(scalar) { return false }
            if scalar == ":"
                && (index == scalars.count - 1 || scalars[index + 1] == " "
                    || (flow && ",[]{}".unicodeScalars.contains(scalars[index + 1])))
            {
                return false
            }
            if scalar == "#" && index > 0 && scalars[index - 1] == " " { return false }
        }
        return true
    }
}
