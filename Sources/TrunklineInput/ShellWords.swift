import TrunklineCore

/// Words as Python's `shlex.split` makes them, which is how Ansible splits both an INI
/// inventory's host lines and the ssh argument variables: split at whitespace, quotes removed,
/// `\` escaping the next character outside single quotes (and only `"` or `\` inside double
/// quotes); with `comments`, a `#` outside quotes ends the text.
public enum ShellWords {
    /// The words of `text`; an unclosed quote is an `InputError` at `location`.
    public static func split(_ text: String, comments: Bool = false, at location: SourceLocation) throws -> [String] {
        var words: [String] = [], current = "", inWord = false
        var quote: Character?
        var rest = Array(text)[...]
        while let character = rest.popFirst() {
            if let open = quote {
                if character == open {
                    quote = nil
                } else if open == "\"", character == "\\", let next = rest.first, next == "\"" || next == "\\" {
                    current.append(rest.removeFirst())
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t", "\r", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "#" where comments:
                if inWord { words.append(current) }
                return words
            case "'", "\"":
                quote = character
                inWord = true
            case "\\":
                inWord = true
                if let next = rest.popFirst() { current.append(next) }
            default:
                inWord = true
                current.append(character)
            }
        }
        guard quote == nil else { throw InputError(location, "no closing quotation in: \(text)") }
        if inWord { words.append(current) }
        return words
    }
}
