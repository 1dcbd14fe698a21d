import TrunklineCore

/// Values of INI inventories as Ansible reads them, with Python's `ast.literal_eval`: numbers,
/// quoted strings, `True`/`False`/`None`, lists, tuples and dicts of these; anything else is
/// the text itself (`yes` stays a string).
enum PythonLiteral {
    /// The value of `text`, or the text if it is no Python literal.
    static func value(_ text: String) -> Value {
        var parser = Parser(Array(text.unicodeScalars))
        parser.skipSpace()
        guard let value = parser.expression() else { return .string(text) }
        parser.skipSpace()
        if parser.peek == "#" { parser.index = parser.scalars.count }
        return parser.index == parser.scalars.count ? value : .string(text)
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var depth = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func skipSpace() {
            while let scalar = peek,
                scalar == " " || scalar == "\t" || (depth > 0 && (scalar == "\n" || scalar == "\r"))
            { index += 1 }
        }

        mutating func expression() -> Value? {
            skipSpace()
            guard let scalar = peek else { return nil }
            switch scalar {
            case "[": return sequence(close: "]")
            case "(":
                // A parenthesised value, or a tuple.
                let start = index
                index += 1
                depth += 1
                if let inner = expression() {
                    skipSpace()
                    if peek == ")" { index += 1; depth -= 1; return inner }
                }
                index = start
                depth -= 1
                return sequence(close: ")")
            case "{": return dictionary()
            case "'", "\"": return strings()
            case "-", "+":
                index += 1
                skipSpace()
                guard let number = number() else { return nil }
                guard scalar == "-" else { return number }
                switch number {
                case .int(let value): return .int(-value)
                case .double(let value): return .double(-value)
                default: return nil
                }
            default:
                if scalar == "." || ("0"..."9").contains(scalar) { return number() }
                for (word, value) in [("True", Value.bool(true)), ("False", .bool(false)), ("None", .null)]
                where matches(word) {
                    index += word.unicodeScalars.count
                    return value
                }
                if let prefix = stringPrefix() {
                    index += prefix
                    return peek == "'" || peek == "\"" ? strings() : nil
                }
                return nil
            }
        }

        private func matches(_ word: String) -> Bool {
            let letters = Array(word.unicodeScalars)
            guard index + letters.count <= scalars.count, Array(scalars[index..<index + letters.count]) == letters
            else { return false }
            let next = index + letters.count < scalars.count ? scalars[index + letters.count] : nil
            return next.map { !($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") } ?? true
        }

        /// `u'…'` and `r'…'` (other prefixes are no text Ansible keeps).
        private func stringPrefix() -> Int? {
            guard let scalar = peek, "uUrR".unicodeScalars.contains(scalar), index + 1 < scalars.count,
                scalars[index + 1] == "'" || scalars[index + 1] == "\""
            else { return nil }
            return 1
        }

        private mutating func sequence(close: Unicode.Scalar) -> Value? {
            index += 1
            depth += 1
            var items: [Value] = []
            while true {
                skipSpace()
                if peek == close { index += 1; depth -= 1; return .list(items) }
                guard let item = expression() else { return nil }
                items.append(item)
                skipSpace()
                if peek == "," { index += 1; continue }
                guard peek == close else { return nil }
            }
        }

        private mutating func dictionary() -> Value? {
            index += 1
            depth += 1
            var entries: [String: Value] = [:]
            while true {
                skipSpace()
                if peek == "}" { index += 1; depth -= 1; return .map(entries) }
                guard let key = expression(), let text = key.scalarText else { return nil }
                skipSpace()
                guard peek == ":" else { return nil }
                index += 1
                guard let value = expression() else { return nil }
                entries[text] = value
                skipSpace()
                if peek == "," { index += 1; continue }
                guard peek == "}" else { return nil }
            }
        }

        /// One or more adjacent string literals, joined as Python joins them.
        private mutating func strings() -> Value? {
            var text = ""
            repeat {
                guard let part = string() else { return nil }
                text += part
                skipSpace()
            } while peek == "'" || peek == "\""
            return .string(text)
        }

        private mutating func string() -> String? {
            guard let quote = peek else { return nil }
            let raw = index > 0 && "rR".unicodeScalars.contains(scalars[index - 1])
            index += 1
            var text = String.UnicodeScalarView()
            while let scalar = peek {
                index += 1
                if scalar == quote { return String(text) }
                if scalar == "\n" { return nil }
                guard scalar == "\\", !raw, let next = peek else { text.append(scalar); continue }
                index += 1
                switch next {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\0")
                case "\\", "'", "\"": text.append(next)
                case "x", "u", "U":
                    let width = next == "x" ? 2 : next == "u" ? 4 : 8
                    guard index + width <= scalars.count,
                        let code = UInt32(String(String.UnicodeScalarView(scalars[index..<index + width])), radix: 16),
                        let decoded = Unicode.Scalar(code)
                    else { return nil }
                    index += width
                    text.append(decoded)
                default:
                    text.append("\\")
                    text.append(next)
                }
            }
            return nil
        }

        private mutating func number() -> Value? {
            let start = index
            while let scalar = peek,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_"
                    || ((scalar == "-" || scalar == "+") && index > start
                        && "eE".unicodeScalars.contains(scalars[index - 1])
                        && !String(String.UnicodeScalarView(scalars[start..<index])).lowercased().hasPrefix("0x"))
            {
                index += 1
            }
            let written = String(String.UnicodeScalarView(scalars[start..<index]))
            guard !written.hasPrefix("_"), !written.hasSuffix("_"), !written.contains("__") else { return nil }
            let text = written.replacingOccurrences(of: "_", with: "")
            let lower = text.lowercased()
            for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
                return Int(lower.dropFirst(2), radix: radix).map(Value.int)
            }
            if text.allSatisfy({ $0.isASCII && $0.isNumber }) {
                // Python refuses leading zeros (`01`), except for zero itself (`00`).
                guard text.count == 1 || !text.hasPrefix("0") || text.allSatisfy({ $0 == "0" }) else { return nil }
                return Int(text).map(Value.int)
            }
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }),
                text.contains(where: \.isNumber),
                let number = Double(text), number.isFinite
            else { return nil }
            return .double(number)
        }
    }
}
