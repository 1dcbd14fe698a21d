/// A `for` statement: `for TARGETS in ITERABLE [if CONDITION] %}BODY{% else %}OTHERWISE`.
struct Loop: Sendable {
    let targets: [String]
    let iterable: Expression
    let condition: Expression?
    let body: [Node]
    let otherwise: [Node]
    let position: Position
}
