import TrunklineCore

/// Words as Python's `shlex.split` makes them, which is how Ansible splits both an INI
/// inventory's host lines and the ssh argument variables: split at whitespace (space, tab, CR,
/// LF), quotes removed, `\` escaping the next character outside single quotes (and inside double
/// quotes only `"` or `\`, else kept with it); with `comments`, a `#` outside quotes ends the line
/// it is on. The text is read code point by code point, as Python reads it.
public enum ShellWords {
    /// Where the splitter is, as shlex's states.
    private enum State: Equatable {
        /// Between words.
        case between
        /// In a word, outside quotes.
        case word
        /// Inside single or double quotes.
        case quoted(Unicode.Scalar)
        /// After a `\`, returning to the state it interrupted.
        indirect case escaped(returning: State)
    }

    private static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n"]

    /// The words of `text`; an unclosed quote, or a `\` at the end, is an `InputError` at `location`.
    public static func split(_ text: String, comments: Bool = false, at location: SourceLocation) throws -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var wasQuoted = false
        var state = State.between
        var rest = text.unicodeScalars[...]
        func emit() {
            if !current.isEmpty || wasQuoted { words.append(String(current)) }
            current = String.UnicodeScalarView()
            wasQuoted = false
        }
        func skipLine() {
            while let skipped = rest.popFirst(), skipped != "\n" {}
        }
        while let character = rest.popFirst() {
            switch state {
            case .between, .word:
                if whitespace.contains(character) {
                    emit()
                    state = .between
                } else if comments, character == "#" {
                    skipLine()
                    emit()
                    state = .between
                } else if character == "'" || character == "\"" {
                    state = .quoted(character)
                } else if character == "\\" {
                    state = .escaped(returning: .word)
                } else {
                    current.append(character)
                    state = .word
                }
            case .quoted(let quote):
                wasQuoted = true
                if character == quote {
                    state = .word
                } else if quote == "\"", character == "\\" {
                    state = .escaped(returning: state)
                } else {
                    current.append(character)
                }
            case .escaped(let returning):
                if case .quoted(let quote) = returning, character != "\\", character != quote { current.append("\\") }
                current.append(character)
                state = returning
            }
        }
        switch state {
        case .quoted: throw InputError(location, "no closing quotation in: \(text)")
        case .escaped: throw InputError(location, "no escaped character after the final \\ in: \(text)")
        case .between, .word: emit()
        }
        return words
    }
}
