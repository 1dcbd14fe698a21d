import Stencil

/// Trunkline's `{% for NAME in SEQUENCE [where CONDITION] %}…{% empty %}…{% endfor %}` (also
/// `for key, value in MAPPING`, with `forloop.first`, `last`, `counter`, `counter0`, `length`,
/// `{% break %}` and `{% continue %}`), in place of Stencil's own: it charges each loop's
/// iterations to the rendering's `RenderBudget` before it runs (a range is counted, not made)
/// and each iteration's bytes as they are made, so nested loops end at the limit, not at the
/// end of the memory.
final class MeteredLoop: NodeType {
    /// Stencil's `{% break %}` marks the running loop's scope with this key (`continue` only ends
    /// the body, which `renderNodes` does).
    private static let breakKey = "_internal_forloop_break"

    let token: Token?
    private let names: [String]
    /// The sequence, or a range's two ends (`1...count`), which Stencil would make into a list
    /// before any limit could see its size.
    private let sequence: Resolvable?
    private let range: (lower: Resolvable, upper: Resolvable)?
    private let condition: Expression?
    private let body: [NodeType]
    private let empty: [NodeType]

    private init(token: Token, names: [String], sequence: String, parser: TokenParser, condition: Expression?, body: [NodeType],
                 empty: [NodeType]) throws {
        self.token = token
        self.names = names
        let ends = sequence.components(separatedBy: "...")
        if ends.count == 2 {
            range = (try parser.compileFilter(ends[0], containedIn: token), try parser.compileFilter(ends[1], containedIn: token))
            self.sequence = nil
        } else {
            range = nil
            self.sequence = try parser.compileResolvable(sequence, containedIn: token)
        }
        self.condition = condition
        self.body = body
        self.empty = empty
    }

    /// Parses the tag and its body up to `endfor`.
    static func parse(_ parser: TokenParser, token: Token) throws -> NodeType {
        let components = token.components
        guard components.first == "for", let inIndex = components.firstIndex(of: "in"), inIndex > 1, inIndex + 1 < components.count,
              inIndex + 2 == components.count || (components[inIndex + 2] == "where" && inIndex + 3 < components.count) else {
            throw TemplateSyntaxError("'for' must be written `for NAME in SEQUENCE [where CONDITION]` (loops have no labels)")
        }
        let names = components[1..<inIndex].joined().split(separator: ",").map { String($0) }
        let condition = inIndex + 2 < components.count
            ? try parser.compileExpression(components: Array(components[(inIndex + 3)...]), token: token) : nil
        let body = try parser.parse(until(["endfor", "empty"]))
        guard let end = parser.nextToken() else { throw TemplateSyntaxError("`endfor` was not found.") }
        var empty: [NodeType] = []
        if end.contents == "empty" {
            empty = try parser.parse(until(["endfor"]))
            guard parser.nextToken() != nil else { throw TemplateSyntaxError("`endfor` was not found.") }
        }
        return try MeteredLoop(token: token, names: names, sequence: components[inIndex + 1], parser: parser, condition: condition,
                               body: body, empty: empty)
    }

    func render(_ context: Context) throws -> String {
        guard let budget = context[RenderBudget.contextKey] as? RenderBudget else {
            throw TemplateSyntaxError("a loop renders only within Trunkline's templates")
        }
        var items = try range.map { try Self.numbers(from: $0.lower, to: $0.upper, in: context, budget: budget) }
            ?? Self.items(of: try sequence?.resolve(context), budget: budget)
        if let condition {
            items = try items.filter { item in try context.push(dictionary: bindings(item)) { try condition.evaluate(context: context) } }
        }
        guard !items.isEmpty else { return try context.push { try renderNodes(empty, context) } }
        var output = ""
        for (index, item) in items.enumerated() {
            var scope = bindings(item)
            scope["forloop"] = ["first": index == 0, "last": index == items.count - 1, "counter": index + 1, "counter0": index, "length": items.count]
            let before = budget.bytes
            let (text, stop) = try context.push(dictionary: scope) { (try renderNodes(body, context), context[Self.breakKey] != nil) }
            // Bytes of the loops inside were charged by them already.
            try budget.spend(bytes: text.utf8.count - (budget.bytes - before))
            output += text
            if stop { break }
        }
        return output
    }

    /// The numbers from `lower` to `upper` (down if `upper` is lower), their count charged first.
    private static func numbers(from lower: Resolvable, to upper: Resolvable, in context: Context, budget: RenderBudget) throws -> [Any] {
        guard let first = integer(try lower.resolve(context)), let last = integer(try upper.resolve(context)) else {
            throw TemplateSyntaxError("the ends of a range must be whole numbers")
        }
        let (span, overflow) = max(first, last).subtractingReportingOverflow(min(first, last))
        try budget.spend(iterations: overflow || span == .max ? .max : span + 1)
        return first <= last ? Array(first...last) : Array((last...first).reversed())
    }

    private static func integer(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: return number
        case let text as String: return Int(text)
        default: return nil
        }
    }

    /// What a loop walks: a list's items, a mapping's (key, value) pairs by key, nothing for
    /// anything else; the count charged first.
    private static func items(of resolved: Any?, budget: RenderBudget) throws -> [Any] {
        switch resolved {
        case let list as [Any]:
            try budget.spend(iterations: list.count)
            return list
        case let mapping as [String: Any]:
            try budget.spend(iterations: mapping.count)
            return mapping.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        default:
            return []
        }
    }

    /// The loop's names bound to `item` (a pair's parts to two names).
    private func bindings(_ item: Any) -> [String: Any] {
        guard names.count > 1 else { return [names[0]: item] }
        let parts = Mirror(reflecting: item)
        guard parts.displayStyle == .tuple else { return [names[0]: item] }
        return Dictionary(zip(names, parts.children.map(\.value)), uniquingKeysWith: { first, _ in first })
    }
}
