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
    /// `{% include NAME %}`.
    case include(Inclusion)
    /// `{% import NAME as ALIAS %}` or `{% from NAME import … %}`.
    case importing(ImportStatement)
    /// `{% extends NAME %}`.
    case extends(Expression, Position)
    case block(BlockDefinition)

    /// Whether the node writes output that a template extending another leaves out (as Jinja
    /// does, an `include` there still writes its text, before the parent's).
    var isOutput: Bool {
        switch self {
        case .text, .output, .filterBlock, .block: return true
        case .branches, .loop, .assign, .capture, .macro, .include, .importing, .extends: return false
        }
    }

    /// The nodes directly inside this one.
    var children: [Node] {
        switch self {
        case .text, .output, .assign, .include, .importing, .extends: return []
        case .branches(let branches, let otherwise): return branches.flatMap(\.1) + otherwise
        case .loop(let loop): return loop.body + loop.otherwise
        case .capture(_, let body, _), .filterBlock(let body, _): return body
        case .macro(let definition): return definition.body
        case .block(let definition): return definition.body
        }
    }

    /// Every block written in `nodes`, at any depth, by name; a name written twice is an error.
    static func blocks(in nodes: [Node]) throws -> [String: BlockDefinition] {
        var blocks: [String: BlockDefinition] = [:]
        var pending = nodes[...]
        while let node = pending.popFirst() {
            if case .block(let definition) = node {
                guard blocks[definition.name] == nil else {
                    throw TemplateError(
                        .syntax, "block '\(definition.name)' defined twice", line: definition.position.line,
                        column: definition.position.column)
                }
                blocks[definition.name] = definition
            }
            pending.append(contentsOf: node.children)
        }
        return blocks
    }
}
