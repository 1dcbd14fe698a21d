/// A `macro NAME(PARAMETERS)` statement: its parameters with their defaults, and its body.
struct MacroDefinition: Sendable {
    let name: String
    let parameters: [(String, Expression?)]
    let body: [Node]
    let position: Position
}
