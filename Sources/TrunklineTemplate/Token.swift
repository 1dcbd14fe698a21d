/// One token of a template, with where it starts.
struct Token: Sendable {
    let kind: TokenKind
    let position: Position

    /// Whether the token is the name `word`.
    func isName(_ word: String) -> Bool { kind == .name(word) }

    /// Whether the token is the symbol `text`.
    func isSymbol(_ text: String) -> Bool { kind == .symbol(text) }

    /// The token as an error message quotes it.
    var text: String {
        switch kind {
        case .data: return "text"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "'}}'"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "'%}'"
        case .name(let name): return "'\(name)'"
        case .string(let text): return "string '\(text)'"
        case .integer(let number): return "\(number)"
        case .float(let number): return "\(number)"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end of the template"
        }
    }
}
