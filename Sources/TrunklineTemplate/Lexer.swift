/// Splits a template into tokens as Jinja does with Ansible's settings: `trim_blocks` (the first
/// newline after a block or comment tag is removed), `keep_trailing_newline`, `{%-`/`-%}`
/// whitespace control, `{# comments #}` and `{% raw %}`. Newlines in text become `\n`.
struct Lexer {
    private let text: [Unicode.Scalar]
    private var index = 0
    private var position = Position.start
    private var tokens: [Token] = []
    /// Whitespace at the start of the next text is dropped (after `-}}`, `-%}`, `-#}`).
    private var stripNext = false
    /// The most tokens one template may have.
    static let tokenLimit = 200_000

    init(_ source: String) {
        text = Array(source.unicodeScalars)
    }

    /// The template's tokens, ending with `.end`.
    static func tokens(of source: String) throws -> [Token] {
        var lexer = Lexer(source)
        try lexer.run()
        return lexer.tokens
    }

    private mutating func run() throws {
        while index < text.count {
            let start = position
            var data = String.UnicodeScalarView()
            while index < text.count && !atTagStart { data.append(advance()) }
            guard index < text.count else {
                appendData(data, at: start)
                break
            }
            let opener = peek(1)
            let strip = peek(2) == "-"
            appendData(data, at: start, stripTrailing: strip)
            if opener == "#" {
                try comment()
            } else if opener == "%", let end = rawEnd() {
                try raw(until: end)
            } else {
                try tag(block: opener == "%")
            }
            guard tokens.count <= Self.tokenLimit else {
                throw TemplateError(
                    .limit, "has more than \(Self.tokenLimit) tokens", line: position.line, column: position.column)
            }
        }
        tokens.append(Token(kind: .end, position: position))
    }

    private var atTagStart: Bool {
        text[index] == "{" && (peek(1) == "{" || peek(1) == "%" || peek(1) == "#")
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < text.count ? text[index + offset] : nil
    }

    @discardableResult
    private mutating func advance() -> Unicode.Scalar {
        let scalar = text[index]
        index += 1
        if scalar == "\n" { position = Position(line: position.line + 1, column: 1) } else { position.column += 1 }
        return scalar
    }

    private mutating func skip(_ count: Int) {
        for _ in 0..<count { advance() }
    }

    private mutating func appendData(_ data: String.UnicodeScalarView, at start: Position, stripTrailing: Bool = false)
    {
        var scalars = Array(data)
        if stripNext {
            scalars = Array(scalars.drop { $0.properties.isWhitespace })
            stripNext = false
        }
        if stripTrailing { while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() } }
        guard !scalars.isEmpty else { return }
        var string = String(String.UnicodeScalarView(scalars))
        if string.contains("\r") { string = string.replacingCRLF() }
        tokens.append(Token(kind: .data(string), position: start))
    }

    /// After a block or comment tag: `-` strips the whitespace that follows, else one newline goes.
    private mutating func closeBlock(strip: Bool, plus: Bool) {
        if strip {
            stripNext = true
        } else if !plus {
            if index < text.count && text[index] == "\n" {
                advance()
            } else if peek(0) == "\r" && peek(1) == "\n" {
                skip(2)
            }
        }
    }

    private mutating func comment() throws {
        let start = position
        skip(2)
        while index < text.count {
            if text[index] == "#" && peek(1) == "}" {
                let strip = index > 0 && text[index - 1] == "-"
                skip(2)
                closeBlock(strip: strip, plus: false)
                return
            }
            advance()
        }
        throw TemplateError(.syntax, "the comment is not closed with '#}'", line: start.line, column: start.column)
    }

    /// The offset past `{% raw %}` if a raw block starts here.
    private func rawEnd() -> Int? {
        guard let (word, length, _) = blockWord(at: index), word == "raw" else { return nil }
        return length
    }

    /// The single word of the `{% word %}` tag at `offset`, the tag's length and whether it ends `-%}`.
    private func blockWord(at offset: Int) -> (String, Int, Bool)? {
        var cursor = offset + 2
        if cursor < text.count && (text[cursor] == "-" || text[cursor] == "+") { cursor += 1 }
        while cursor < text.count && text[cursor].properties.isWhitespace { cursor += 1 }
        var word = String.UnicodeScalarView()
        while cursor < text.count && text[cursor].properties.isAlphabetic { word.append(text[cursor]); cursor += 1 }
        while cursor < text.count && text[cursor].properties.isWhitespace { cursor += 1 }
        var strip = false
        if cursor < text.count && (text[cursor] == "-" || text[cursor] == "+") {
            strip = text[cursor] == "-"; cursor += 1
        }
        guard cursor + 1 < text.count, text[cursor] == "%", text[cursor + 1] == "}" else { return nil }
        return (String(word), cursor + 2 - offset, strip)
    }

    private mutating func raw(until length: Int) throws {
        let start = position
        let strip = text[index + length - 3] == "-"
        skip(length)
        // Jinja keeps the newline after `{% raw %}` (trim_blocks applies to `{% endraw %}` only).
        if strip { stripNext = true }
        let bodyStart = position
        var body = String.UnicodeScalarView()
        while index < text.count {
            if text[index] == "{" && peek(1) == "%", let (word, endLength, endStrip) = blockWord(at: index),
                word == "endraw"
            {
                appendData(body, at: bodyStart, stripTrailing: peek(2) == "-")
                skip(endLength)
                closeBlock(strip: endStrip, plus: false)
                return
            }
            body.append(advance())
        }
        throw TemplateError(
            .syntax, "the raw block is not closed with '{% endraw %}'", line: start.line, column: start.column)
    }

    private mutating func tag(block: Bool) throws {
        let start = position
        tokens.append(Token(kind: block ? .blockBegin : .variableBegin, position: start))
        skip(2)
        if index < text.count && (text[index] == "-" || text[index] == "+") { advance() }
        var brackets = 0
        while true {
            while index < text.count && text[index].properties.isWhitespace { advance() }
            guard index < text.count else {
                throw TemplateError(
                    .syntax, "the tag is not closed with '\(block ? "%}" : "}}")'", line: start.line,
                    column: start.column)
            }
            if brackets == 0, let (strip, plus, length) = closer(block: block) {
                let end = position
                skip(length)
                tokens.append(Token(kind: block ? .blockEnd : .variableEnd, position: end))
                if block { closeBlock(strip: strip, plus: plus) } else if strip { stripNext = true }
                return
            }
            try token()
            if case .symbol(let symbol) = tokens[tokens.count - 1].kind {
                if symbol == "(" || symbol == "[" || symbol == "{" { brackets += 1 }
                if (symbol == ")" || symbol == "]" || symbol == "}") && brackets > 0 { brackets -= 1 }
            }
        }
    }

    /// Whether the tag ends here (`}}`, `-}}`, `+%}`…): its strip and plus marks and length.
    private func closer(block: Bool) -> (Bool, Bool, Int)? {
        let first: Unicode.Scalar = block ? "%" : "}"
        if text[index] == first && peek(1) == "}" { return (false, false, 2) }
        if (text[index] == "-" || text[index] == "+") && peek(1) == first && peek(2) == "}" {
            return (text[index] == "-", text[index] == "+", 3)
        }
        return nil
    }

    private mutating func token() throws {
        let start = position
        let scalar = text[index]
        if scalar.properties.isAlphabetic || scalar == "_" {
            var name = String.UnicodeScalarView()
            while index < text.count
                && (text[index].properties.isAlphabetic || text[index].properties.numericType != nil
                    || text[index] == "_")
            {
                name.append(advance())
            }
            tokens.append(Token(kind: .name(String(name)), position: start))
        } else if ("0"..."9").contains(scalar) {
            tokens.append(Token(kind: try number(), position: start))
        } else if scalar == "'" || scalar == "\"" {
            tokens.append(Token(kind: .string(try string()), position: start))
        } else {
            tokens.append(Token(kind: .symbol(try symbol()), position: start))
        }
    }

    private static let symbols = [
        "**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]",
        "{", "}", ",", ".", ":", "|", ";",
    ]

    private mutating func symbol() throws -> String {
        for symbol in Self.symbols {
            let scalars = Array(symbol.unicodeScalars)
            if (0..<scalars.count).allSatisfy({ peek($0) == scalars[$0] }) {
                skip(scalars.count)
                return symbol
            }
        }
        throw TemplateError(
            .syntax, "unexpected character '\(text[index])'", line: position.line, column: position.column)
    }

    private mutating func digits() -> String {
        var digits = ""
        while index < text.count
            && (("0"..."9").contains(text[index])
                || (text[index] == "_" && peek(1).map { ("0"..."9").contains($0) } == true))
        {
            let scalar = advance()
            if scalar != "_" { digits.unicodeScalars.append(scalar) }
        }
        return digits
    }

    /// An integer, or a float (`1.5`, `1e3`); after a `.` only an integer (`items.0.name`).
    private mutating func number() throws -> TokenKind {
        let start = position
        let afterDot = tokens.last?.isSymbol(".") == true
        var literal = digits()
        var isFloat = false
        if !afterDot && peek(0) == "." && peek(1).map({ ("0"..."9").contains($0) }) == true {
            advance()
            literal += "." + digits()
            isFloat = true
        }
        if !afterDot, peek(0) == "e" || peek(0) == "E" {
            let sign = peek(1) == "+" || peek(1) == "-"
            if let next = peek(sign ? 2 : 1), ("0"..."9").contains(next) {
                literal += String(advance())
                if sign { literal += String(advance()) }
                literal += digits()
                isFloat = true
            }
        }
        if isFloat, let value = Double(literal) { return .float(value) }
        guard let value = Int(literal) else {
            throw TemplateError(.syntax, "the number \(literal) is too large", line: start.line, column: start.column)
        }
        return .integer(value)
    }

    private mutating func string() throws -> String {
        let start = position
        let quote = advance()
        var result = String.UnicodeScalarView()
        while index < text.count {
            let scalar = advance()
            if scalar == quote { return String(result) }
            if scalar == "\\" && index < text.count {
                result.append(contentsOf: escape(advance()).unicodeScalars)
            } else if scalar == "\r" {
                // Newlines in a literal are normalized as in text: `\r\n` and `\r` are `\n`.
                if index < text.count && text[index] == "\n" { advance() }
                result.append("\n")
            } else {
                result.append(scalar)
            }
        }
        throw TemplateError(.syntax, "the string is not closed", line: start.line, column: start.column)
    }

    /// What `\c` in a string stands for, as in Python.
    private mutating func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "v": return "\u{0B}"
        case "0"..."7":
            var code = Int(String(scalar))!
            for _ in 0..<2 where index < text.count && ("0"..."7").contains(text[index]) {
                code = code * 8 + Int(String(advance()))!
            }
            return Unicode.Scalar(code).map { String($0) } ?? ""
        case "\\", "'", "\"": return String(scalar)
        case "\n": return ""
        case "u", "x":
            let count = scalar == "u" ? 4 : 2
            var hex = ""
            while hex.count < count, index < text.count, text[index].properties.isASCIIHexDigit {
                hex.unicodeScalars.append(advance())
            }
            if hex.count == count, let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) {
                return String(decoded)
            }
            return "\\" + String(scalar) + hex
        default: return "\\" + String(scalar)
        }
    }
}
