/// An expression of a template, as parsed: what `{{ }}` outputs, what `if` tests, a filter's
/// arguments. Each case that can fail carries where it is written.
indirect enum Expression: Sendable {
    case literal(TemplateValue)
    case name(String, Position)
    case list([Expression])
    case tuple([Expression])
    case dict([(Expression, Expression)])
    /// `subject.name`: the attribute, else the item of that name.
    case attribute(Expression, String, Position)
    /// `subject[key]`: the item, else the attribute.
    case item(Expression, Expression, Position)
    case slice(Expression, Expression?, Expression?, Expression?, Position)
    case call(Expression, Arguments, Position)
    case filter(Expression, String, Arguments, Position)
    case test(Expression, String, Arguments, negated: Bool, Position)
    /// `-x`, `+x`, `not x`.
    case unary(String, Expression, Position)
    /// Arithmetic, `and`, `or`.
    case binary(String, Expression, Expression, Position)
    /// `a < b <= c`, `x in y`, `x not in y`.
    case compare(Expression, [(String, Expression)], Position)
    case concat([Expression], Position)
    /// `value if condition else other` (no `else`: undefined).
    case conditional(value: Expression, condition: Expression, otherwise: Expression?, Position)

    /// Where the expression is written, if it is known.
    var position: Position? {
        switch self {
        case .literal, .list, .tuple, .dict: return nil
        case .name(_, let at), .attribute(_, _, let at), .item(_, _, let at), .slice(_, _, _, _, let at),
            .call(_, _, let at),
            .filter(_, _, _, let at), .test(_, _, _, _, let at), .unary(_, _, let at), .binary(_, _, _, let at),
            .compare(_, _, let at), .concat(_, let at), .conditional(_, _, _, let at):
            return at
        }
    }

    /// Every variable name the expression reads (`guarded`: false), or only those where an
    /// undefined one would be an error: not under `is defined`, `is undefined` or `default`.
    func names(guarded: Bool) -> [(String, Position)] {
        switch self {
        case .literal: return []
        case .name(let name, let at): return [(name, at)]
        case .list(let items), .tuple(let items): return items.flatMap { $0.names(guarded: guarded) }
        case .dict(let pairs): return pairs.flatMap { $0.0.names(guarded: guarded) + $0.1.names(guarded: guarded) }
        case .attribute(let subject, _, _): return subject.names(guarded: guarded)
        case .item(let subject, let key, _): return subject.names(guarded: guarded) + key.names(guarded: guarded)
        case .slice(let subject, let a, let b, let c, _):
            return ([subject] + [a, b, c].compactMap { $0 }).flatMap { $0.names(guarded: guarded) }
        case .call(let callee, let arguments, _):
            return callee.names(guarded: guarded) + arguments.names(guarded: guarded)
        case .filter(let subject, let name, let arguments, _):
            return (guarded && (name == "default" || name == "d") ? [] : subject.names(guarded: guarded))
                + arguments.names(guarded: guarded)
        case .test(let subject, let name, let arguments, _, _):
            return (guarded && (name == "defined" || name == "undefined") ? [] : subject.names(guarded: guarded))
                + arguments.names(guarded: guarded)
        case .unary(_, let operand, _): return operand.names(guarded: guarded)
        case .binary(_, let left, let right, _): return left.names(guarded: guarded) + right.names(guarded: guarded)
        case .compare(let first, let rest, _):
            return first.names(guarded: guarded) + rest.flatMap { $0.1.names(guarded: guarded) }
        case .concat(let parts, _): return parts.flatMap { $0.names(guarded: guarded) }
        case .conditional(let value, let condition, let otherwise, _):
            return value.names(guarded: guarded) + condition.names(guarded: guarded)
                + (otherwise?.names(guarded: guarded) ?? [])
        }
    }

    /// The names read where an undefined one is an error.
    var strictNames: [(String, Position)] { names(guarded: true) }

    /// Every name read.
    var names: [(String, Position)] { names(guarded: false) }
}
