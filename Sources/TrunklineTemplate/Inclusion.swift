/// An `include` statement: `include NAME [ignore missing] [with context|without context]`,
/// where NAME may be a list of names (the first that exists is rendered).
struct Inclusion: Sendable {
    let template: Expression
    /// Whether a template that does not exist renders nothing instead of failing.
    let ignoreMissing: Bool
    /// Whether the included template sees the variables where it is included (the default).
    let withContext: Bool
    let position: Position
}
