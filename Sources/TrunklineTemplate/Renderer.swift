/// Renders parsed statements and evaluates expressions: scopes (a loop's and a macro's own),
/// strict undefined values, the templates it includes, imports and extends, and the budget
/// charged as it goes.
final class Renderer {
    let budget: RenderBudget
    let loader: TemplateLoader
    private let lookup: (String) throws -> TemplateValue?
    private var scopes: [[String: TemplateValue]] = [[:]]
    private var cache: [String: TemplateValue] = [:]
    private var depth = 0
    /// Each block's definitions, the most derived template's first, with their templates' names.
    private var blocks: [String: [(BlockDefinition, template: String)]] = [:]
    /// The template this one extends, once its `extends` has run.
    private var parent: JinjaTemplate?
    /// Whether the statements rendered are the template's own top level (not a block's or a macro's).
    private var atTopLevel = true
    /// The renderers of imported templates, whose macros the template may call.
    private var modules: [Renderer] = []
    /// The name of the template whose statements render (for errors in its macros and blocks).
    private var templateName = "template"

    init(budget: RenderBudget, loader: TemplateLoader, lookup: @escaping (String) throws -> TemplateValue?) {
        self.budget = budget
        self.loader = loader
        self.lookup = lookup
    }

    // MARK: statements

    /// The text `template` renders, and then the templates it extends.
    func render(_ template: JinjaTemplate) throws -> String {
        var output = "", current = template
        blocks = template.blocks.mapValues { [($0, template.name)] }
        while true {
            templateName = current.name
            try named(current.name) { try render(current.nodes, into: &output) }
            guard let next = parent else { return output }
            parent = nil
            current = next
        }
    }

    /// The text `nodes` render.
    func render(_ nodes: [Node]) throws -> String {
        var output = ""
        try render(nodes, into: &output)
        return output
    }

    private func render(_ nodes: [Node], into output: inout String) throws {
        try nested(at: nil) {
            for node in nodes { try render(node, into: &output) }
        }
    }

    private func write(_ text: String, into output: inout String) throws {
        try budget.check(length: output.utf8.count + text.utf8.count)
        output += text
    }

    private func render(_ node: Node, into output: inout String) throws {
        try budget.step()
        if parent != nil && atTopLevel && node.isOutput { return }
        switch node {
        case .text(let text):
            try write(text, into: &output)
        case .output(let expression, let at):
            try write(try text(of: try evaluate(expression), at: expression.position ?? at), into: &output)
        case .branches(let branches, let otherwise):
            for (condition, body) in branches where try truth(try evaluate(condition), at: condition.position) {
                return try render(body, into: &output)
            }
            try render(otherwise, into: &output)
        case .loop(let loop):
            try render(loop, into: &output)
        case .assign(let names, let expression, let at):
            let value = try evaluate(expression)
            if names.count == 1, let dot = names[0].firstIndex(of: ".") {
                return try assign(
                    value, to: String(names[0][names[0].index(after: dot)...]), of: String(names[0][..<dot]), at: at)
            }
            guard names.count > 1 else { return scopes[scopes.count - 1][names[0]] = value }
            for (name, part) in zip(names, try unpack(value, into: names.count, at: at)) {
                scopes[scopes.count - 1][name] = part
            }
        case .capture(let name, let body, let filters):
            let saved = atTopLevel
            defer { atTopLevel = saved }
            atTopLevel = false
            scopes[scopes.count - 1][name] = try applying(filters, to: .string(try render(body)))
        case .macro(let definition):
            scopes[scopes.count - 1][definition.name] = .function(macro(definition))
        case .filterBlock(let body, let filters):
            try write(try text(of: try applying(filters, to: .string(try render(body))), at: nil), into: &output)
        case .include(let inclusion):
            try include(inclusion, into: &output)
        case .importing(let statement):
            try importing(statement)
        case .extends(let expression, let at):
            try extend(expression, at: at)
        case .block(let definition):
            try write(try block(definition.name, at: 0, locals: definition.scoped ? locals : [:]), into: &output)
        }
    }

    // MARK: other templates

    /// The variables of every scope but the template's own top level, the innermost first.
    private var locals: [String: TemplateValue] {
        scopes.dropFirst().reduce(into: [String: TemplateValue]()) { $0.merge($1) { _, new in new } }
    }

    private func named<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TemplateError { throw error.named(name) }
    }

    /// A renderer for another template, sharing the budget and the depth so far; with
    /// context, it sees the variables this one sees now (but `loop`), as Jinja passes them.
    private func renderer(withContext: Bool) -> Renderer {
        let now = scopes.reduce(into: [String: TemplateValue]()) { $0.merge($1) { _, inner in inner } }
        let other = Renderer(budget: budget, loader: loader) { [unowned self] name in
            guard withContext && name != "loop" else { return nil }
            return try now[name] ?? given(name)
        }
        other.depth = depth
        return other
    }

    /// The first template of those `expression` names that the loader finds.
    private func template(
        _ expression: Expression, at position: Position, optional: Bool = false
    ) throws
        -> JinjaTemplate?
    {
        let candidates: [TemplateValue]
        switch try strict(try evaluate(expression), at: expression.position ?? position) {
        case .list(let items), .tuple(let items): candidates = items
        case let one: candidates = [one]
        }
        var names: [String] = []
        for candidate in candidates {
            guard case .string(let name) = candidate else {
                throw fail(.type, "a template name must be a string, not \(candidate.typeName)", at: position)
            }
            if let found = try loader.template(name) { return found }
            names.append(name)
        }
        guard optional else {
            let quoted = names.map { "'\($0)'" }.joined(separator: ", ")
            throw fail(.failed, "template \(quoted) not found (looked in \(loader.searched))", at: position)
        }
        return nil
    }

    private func include(_ inclusion: Inclusion, into output: inout String) throws {
        try nested(at: inclusion.position) {
            guard
                let template = try template(
                    inclusion.template, at: inclusion.position, optional: inclusion.ignoreMissing)
            else { return }
            try write(try renderer(withContext: inclusion.withContext).render(template), into: &output)
        }
    }

    /// `import … as m` binds the template's top-level macros and variables (those whose names do
    /// not start with `_`) as a mapping; `from … import a` binds each name, undefined if the
    /// template does not make it.
    private func importing(_ statement: ImportStatement) throws {
        try nested(at: statement.position) {
            guard let template = try template(statement.template, at: statement.position) else { return }
            let module = renderer(withContext: statement.withContext)
            _ = try module.render(template)
            modules.append(module)
            let exported = module.scopes[0].filter { !$0.key.hasPrefix("_") }
            if let alias = statement.alias {
                scopes[scopes.count - 1][alias] = .dict(
                    TemplateDict(exported.sorted { $0.key < $1.key }.map { (.string($0.key), $0.value) }))
            }
            for (name, boundTo) in statement.names {
                scopes[scopes.count - 1][boundTo] =
                    exported[name]
                    ?? .undefined(
                        "the template '\(template.name)' (imported on line \(statement.position.line)) does not export the requested name '\(name)'",
                        name: name)
            }
        }
    }

    private func extend(_ expression: Expression, at position: Position) throws {
        guard parent == nil else { throw fail(.failed, "extended multiple times", at: position) }
        guard let template = try template(expression, at: position) else { return }
        for (name, definition) in template.blocks { blocks[name, default: []].append((definition, template.name)) }
        parent = template
    }

    /// What block `name` renders: its definition at `index` of the chain from the most derived
    /// template, with `super()` rendering the next, and the template's variables (and `locals`).
    private func block(_ name: String, at index: Int, locals: [String: TemplateValue]) throws -> String {
        let chain = blocks[name] ?? []
        guard index < chain.count else { throw fail(.failed, "there is no parent block called '\(name)'", at: nil) }
        let (definition, template) = chain[index]
        if definition.required {
            // Overridden, it is rendered only by `super()`: as nothing (it holds only comments).
            guard index > 0 else { throw fail(.failed, "required block '\(name)' not found", at: definition.position) }
            return ""
        }
        let parentBlock = TemplateFunction("super") { [unowned self] _, _ in
            .string(try block(name, at: index + 1, locals: locals))
        }
        let saved = (scopes, atTopLevel, templateName)
        defer { (scopes, atTopLevel, templateName) = saved }
        scopes = [scopes[0], locals, ["super": .function(parentBlock)], [:]]
        atTopLevel = false
        templateName = template
        return try named(template) { try nested(at: definition.position) { try render(definition.body) } }
    }

    /// `self`: each block by name, as a function that renders it.
    private var blockReferences: TemplateValue {
        .dict(
            TemplateDict(
                blocks.keys.sorted().map { name in
                    (
                        .string(name),
                        .function(
                            TemplateFunction(name) { [unowned self] _, _ in
                                .string(try block(name, at: 0, locals: [:]))
                            })
                    )
                }))
    }

    /// `{% set ns.attribute = value %}`: the namespace is changed where it was made, so a loop's
    /// assignment outlives the loop, as Jinja's `namespace()` does.
    private func assign(_ value: TemplateValue, to attribute: String, of name: String, at position: Position) throws {
        guard let level = scopes.lastIndex(where: { $0[name] != nil }),
            case .dict(var namespace)? = scopes[level][name],
            namespace[Globals.namespaceMarker] != nil
        else {
            throw fail(.type, "cannot assign attribute on non-namespace object '\(name)'", at: position)
        }
        namespace[attribute] = value
        scopes[level][name] = .dict(namespace)
    }

    private func applying(_ filters: [(String, Arguments, Position)], to value: TemplateValue) throws -> TemplateValue {
        var result = value
        for (name, arguments, at) in filters {
            result = try Filters.apply(name, to: result, arguments: try evaluate(arguments), renderer: self, at: at)
        }
        return result
    }

    /// What `{{ value }}` writes: Python's `str`, nothing for none (as Ansible finalizes).
    func text(of value: TemplateValue, at position: Position?) throws -> String {
        if value.isLenient { return "" }
        switch try strict(value, at: position) {
        case .none: return ""
        case let other: return PythonText.str(other)
        }
    }

    private func render(_ loop: Loop, into output: inout String) throws {
        var items = try iterate(try evaluate(loop.iterable), at: loop.iterable.position ?? loop.position)
        try budget.spend(iterations: items.count)
        if let condition = loop.condition {
            items = try items.filter { item in
                try scoped(try bindings(loop.targets, to: item, at: loop.position)) {
                    try truth(try evaluate(condition), at: condition.position)
                }
            }
        }
        guard !items.isEmpty else { return try render(loop.otherwise, into: &output) }
        for (index, item) in items.enumerated() {
            var scope = try bindings(loop.targets, to: item, at: loop.position)
            scope["loop"] = .dict(Self.loopState(index: index, items: items))
            try scoped(scope) { try render(loop.body, into: &output) }
        }
    }

    /// `loop.index` and the rest, for the item at `index`.
    private static func loopState(index: Int, items: [TemplateValue]) -> TemplateDict {
        let count = items.count
        let cycle = TemplateFunction("cycle") { values, _ in
            guard !values.isEmpty else { throw TemplateError(.type, "no items for cycling given") }
            return values[index % values.count]
        }
        return TemplateDict([
            (.string("index"), .int(index + 1)), (.string("index0"), .int(index)),
            (.string("revindex"), .int(count - index)),
            (.string("revindex0"), .int(count - index - 1)), (.string("first"), .bool(index == 0)),
            (.string("last"), .bool(index == count - 1)),
            (.string("length"), .int(count)), (.string("depth"), .int(1)), (.string("depth0"), .int(0)),
            (
                .string("previtem"),
                index > 0 ? items[index - 1] : .undefined("there is no previous item", name: "loop.previtem")
            ),
            (
                .string("nextitem"),
                index < count - 1 ? items[index + 1] : .undefined("there is no next item", name: "loop.nextitem")
            ),
            (.string("cycle"), .function(cycle)),
        ])
    }

    private func bindings(
        _ targets: [String], to item: TemplateValue, at position: Position
    ) throws -> [String: TemplateValue] {
        guard targets.count > 1 else { return [targets[0]: item] }
        return Dictionary(uniqueKeysWithValues: zip(targets, try unpack(item, into: targets.count, at: position)))
    }

    private func unpack(_ value: TemplateValue, into count: Int, at position: Position) throws -> [TemplateValue] {
        let parts = try iterate(value, at: position)
        guard parts.count == count else {
            throw TemplateError(
                .type,
                parts.count > count
                    ? "too many values to unpack (expected \(count))"
                    : "not enough values to unpack (expected \(count), got \(parts.count))",
                line: position.line, column: position.column)
        }
        return parts
    }

    /// The items a loop over `value` walks: a list's, a mapping's keys, a string's characters.
    func iterate(_ value: TemplateValue, at position: Position?) throws -> [TemplateValue] {
        if value.isLenient { return [] }
        switch try strict(value, at: position) {
        case .list(let items), .tuple(let items): return items
        case .dict(let dict): return dict.keys
        case .string(let text): return text.unicodeScalars.map { .string(String($0)) }
        case let other: throw fail(.type, "'\(other.typeName)' object is not iterable", at: position)
        }
    }

    private func scoped<T>(_ scope: [String: TemplateValue], _ body: () throws -> T) rethrows -> T {
        scopes.append(scope)
        defer { scopes.removeLast() }
        return try body()
    }

    private func nested<T>(at position: Position?, _ body: () throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= RenderBudget.depthLimit else {
            throw fail(.limit, "nests more than \(RenderBudget.depthLimit) levels deep", at: position)
        }
        return try body()
    }

    private func macro(_ definition: MacroDefinition) -> TemplateFunction {
        let captured = locals, template = templateName
        return TemplateFunction(definition.name, isMacro: true) { [unowned self] positional, named in
            // An error in the body is placed in the template that defines the macro.
            try self.named(template) { try invoke(definition, positional, named, captured: captured) }
        }
    }

    /// A macro's body rendered with its arguments bound, in the scopes it was defined in.
    private func invoke(
        _ definition: MacroDefinition, _ positional: [TemplateValue], _ named: [(String, TemplateValue)],
        captured: [String: TemplateValue]
    ) throws -> TemplateValue {
        guard positional.count <= definition.parameters.count else {
            throw fail(
                .type, "macro '\(definition.name)' takes not more than \(definition.parameters.count) argument(s)",
                at: definition.position)
        }
        let saved = (scopes, atTopLevel)
        defer { (scopes, atTopLevel) = saved }
        scopes = [saved.0[0], captured, [:]]
        atTopLevel = false
        for (offset, (name, fallback)) in definition.parameters.enumerated() {
            if offset < positional.count {
                scopes[2][name] = positional[offset]
            } else if let value = named.first(where: { $0.0 == name })?.1 {
                scopes[2][name] = value
            } else {
                scopes[2][name] =
                    try fallback.map(evaluate) ?? .undefined("parameter '\(name)' was not provided", name: name)
            }
        }
        if let unknown = named.first(where: { name in !definition.parameters.contains { $0.0 == name.0 } }) {
            throw fail(
                .type, "macro '\(definition.name)' takes no keyword argument '\(unknown.0)'", at: definition.position)
        }
        return .string(try render(definition.body))
    }

    // MARK: expressions

    func fail(_ kind: TemplateError.Kind, _ message: String, at position: Position?) -> TemplateError {
        let at = position ?? .start
        return TemplateError(kind, message, line: at.line, column: at.column)
    }

    /// `value`, or the error an undefined one is where it is used.
    func strict(_ value: TemplateValue, at position: Position?) throws -> TemplateValue {
        guard case .undefined(let message, let name) = value else { return value }
        throw fail(.undefined(name: name), message, at: position)
    }

    /// Python's truth of `value`.
    func truth(_ value: TemplateValue, at position: Position?) throws -> Bool {
        if value.isLenient { return false }
        switch try strict(value, at: position) {
        case .none: return false
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .double(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .list(let items), .tuple(let items): return !items.isEmpty
        case .dict(let dict): return dict.count > 0
        case .undefined, .function: return true
        }
    }

    func evaluate(_ arguments: Arguments) throws -> CallArguments {
        CallArguments(
            positional: try arguments.positional.map(evaluate),
            named: try arguments.named.map { ($0.0, try evaluate($0.1)) })
    }

    func evaluate(_ expression: Expression) throws -> TemplateValue {
        try budget.step()
        return try nested(at: expression.position) { try value(of: expression) }
    }

    private func value(of expression: Expression) throws -> TemplateValue {
        switch expression {
        case .literal(let value): return value
        case .name(let name, _): return try variable(name)
        case .list(let items): return .list(try items.map(evaluate))
        case .tuple(let items): return .tuple(try items.map(evaluate))
        case .dict(let pairs):
            return .dict(
                TemplateDict(try pairs.map { (try strict(try evaluate($0.0), at: $0.0.position), try evaluate($0.1)) }))
        case .attribute(let subject, let name, let at):
            return try Access.attribute(
                name, of: try strict(try evaluate(subject), at: subject.position ?? at), path: Self.path(of: subject),
                renderer: self)
        case .item(let subject, let key, let at):
            let container = try strict(try evaluate(subject), at: subject.position ?? at)
            return try Access.item(
                try strict(try evaluate(key), at: key.position ?? at), of: container, path: Self.path(of: subject),
                renderer: self, at: at)
        case .slice(let subject, let start, let stop, let step, let at):
            let values = try [start, stop, step].map { try $0.map { try strict(try evaluate($0), at: at) } }
            return try Access.slice(
                try strict(try evaluate(subject), at: subject.position ?? at), values[0], values[1], values[2], at: at,
                renderer: self)
        case .call(let callee, let arguments, let at):
            return try call(callee, arguments, at: at)
        case .filter(let subject, let name, let arguments, let at):
            return try Filters.apply(
                name, to: try evaluate(subject), arguments: try evaluate(arguments), renderer: self, at: at)
        case .test(let subject, let name, let arguments, let negated, let at):
            let result = try Tests.apply(
                name, to: try evaluate(subject), arguments: try evaluate(arguments), renderer: self, at: at)
            return .bool(result != negated)
        case .unary(let symbol, let operand, let at):
            let value = try evaluate(operand)
            if symbol == "not" { return .bool(!(try truth(value, at: operand.position ?? at))) }
            return try Operators.unary(symbol, try strict(value, at: operand.position ?? at), renderer: self, at: at)
        case .binary("and", let left, let right, let at):
            let first = try evaluate(left)
            return try truth(first, at: left.position ?? at) ? try evaluate(right) : first
        case .binary("or", let left, let right, let at):
            let first = try evaluate(left)
            return try truth(first, at: left.position ?? at) ? first : try evaluate(right)
        case .binary(let symbol, let left, let right, let at):
            let a = try strict(try evaluate(left), at: left.position ?? at),
                b = try strict(try evaluate(right), at: right.position ?? at)
            return try Operators.binary(symbol, a, b, renderer: self, at: at)
        case .compare(let first, let rest, let at):
            return try compare(first, rest, at: at)
        case .concat(let parts, let at):
            return try concatenate(parts, at: at)
        case .conditional(let value, let condition, let otherwise, let at):
            if try truth(try evaluate(condition), at: condition.position ?? at) { return try evaluate(value) }
            // As in Jinja, the missing `else` is a lenient undefined: nothing as text, false, empty.
            return try otherwise.map(evaluate)
                ?? .undefined("the inline if-expression evaluated to false and no else section was defined", name: "")
        }
    }

    private func call(_ callee: Expression, _ arguments: Arguments, at: Position) throws -> TemplateValue {
        guard case .function(let function) = try strict(try evaluate(callee), at: callee.position ?? at) else {
            throw fail(.type, "\(Self.path(of: callee).map { "'\($0)'" } ?? "the value") is not callable", at: at)
        }
        let values = try evaluate(arguments)
        do { return try function.body(values.positional, values.named) } catch let error as TemplateError
            where error.line == 1 && error.column == 1
        {
            throw fail(error.kind, error.message, at: at)
        }
    }

    /// `a < b <= c`: each pair compared, as Python chains them.
    private func compare(_ first: Expression, _ rest: [(String, Expression)], at: Position) throws -> TemplateValue {
        var left = try strict(try evaluate(first), at: first.position ?? at)
        for (symbol, operand) in rest {
            let right = try strict(try evaluate(operand), at: operand.position ?? at)
            guard try Operators.compare(symbol, left, right, renderer: self, at: at) else { return .bool(false) }
            left = right
        }
        return .bool(true)
    }

    /// `a ~ b ~ c`: the parts as text, joined.
    private func concatenate(_ parts: [Expression], at: Position) throws -> TemplateValue {
        var text = ""
        for part in parts {
            let value = try evaluate(part)
            text += value.isLenient ? "" : PythonText.str(try strict(value, at: part.position ?? at))
            try budget.check(length: text.utf8.count)
        }
        return .string(text)
    }

    /// A name's value: the innermost scope's, else the variables', else `self` or a global function.
    private func variable(_ name: String) throws -> TemplateValue {
        if let value = try visible(name) { return value }
        if name == "self" { return blockReferences }
        return Globals.function(name, renderer: self) ?? .missing(name)
    }

    /// A variable's value: the innermost scope's, else the variables'; nil if it has none.
    private func visible(_ name: String) throws -> TemplateValue? {
        for scope in scopes.reversed() { if let value = scope[name] { return value } }
        return try given(name)
    }

    /// A variable's value as the rendering was given it (not a scope's); nil if it has none.
    private func given(_ name: String) throws -> TemplateValue? {
        if let value = cache[name] { return value }
        guard let value = try lookup(name) else { return nil }
        cache[name] = value
        return value
    }

    /// `a.b.c` for a chain of names and attributes (for errors), nil for anything else.
    static func path(of expression: Expression) -> String? {
        switch expression {
        case .name(let name, _): return name
        case .attribute(let subject, let name, _): return path(of: subject).map { $0 + "." + name }
        case .item(let subject, .literal(let key), _): return path(of: subject).map { $0 + "." + PythonText.str(key) }
        default: return nil
        }
    }
}
