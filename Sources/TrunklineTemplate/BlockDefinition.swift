/// A `block NAME [scoped] [required]`…`endblock` statement: a part of a template that a
/// template extending it may replace, and `super()` renders again.
struct BlockDefinition: Sendable {
    let name: String
    let body: [Node]
    /// Whether the block sees the loop and local variables around it (else only the template's).
    let scoped: Bool
    /// Whether a template extending this one must replace it.
    let required: Bool
    let position: Position
}
