/// What a token of a template is.
enum TokenKind: Equatable, Sendable {
    /// Text outside tags, output as it is.
    case data(String)
    /// `{{`, `}}`, `{%`, `%}`.
    case variableBegin, variableEnd, blockBegin, blockEnd
    /// A name (keywords such as `and`, `if`, `in` included).
    case name(String)
    case string(String)
    case integer(Int)
    case float(Double)
    /// An operator or punctuation: `+`, `//`, `==`, `(`, `|`, `.`, …
    case symbol(String)
    case end
}
