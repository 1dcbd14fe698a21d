/// An `import NAME as ALIAS` or `from NAME import A, B as C` statement: the template's
/// top-level macros and variables, as a module or as names. Without `with context` the
/// imported template sees no variables of the importing one, as in Jinja.
struct ImportStatement: Sendable {
    let template: Expression
    /// `import … as ALIAS`: the module's name; nil for `from … import`.
    let alias: String?
    /// `from … import`: each name imported and the name it is bound to.
    let names: [(name: String, boundTo: String)]
    let withContext: Bool
    let position: Position
}
