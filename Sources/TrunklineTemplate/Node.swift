/// A statement of a template: text, an output, or a block tag with what it holds.
indirect enum Node: Sendable {
    case text(String)
    case output(Expression, Position)
    /// `if`/`elif` branches in order, then the `else` body.
    case branches([(Expression, [Node])], otherwise: [Node])
    case loop(Loop)
    /// `set a = …` or `set a, b = …`.
    case assign([String], Expression, Position)
    /// `set name %}…{% endset`, with filters applied to what the body renders.
    case capture(String, [Node], filters: [(String, Arguments, Position)])
    case macro(MacroDefinition)
    /// `{% filter name %}…{% endfilter %}`.
    case filterBlock([Node], filters: [(String, Arguments, Position)])
}
