import TrunklineCore
import TrunklineTemplate

/// One `Template.render`: the variables, the budget its templates share, and the variables
/// already rendered (a variable's templates render once, however often it is used).
final class TemplateRendering {
    /// How deep variables may refer to variables that hold templates.
    static let depthLimit = 10
    /// The most list items and mapping entries the rendered value has, repeated ones counted.
    static let valueLimit = 1_000_000

    private let variables: [String: Value]
    private let field: String
    private let location: SourceLocation
    private let budget = RenderBudget()
    private var values = 0
    private var rendered: [String: (value: Value, size: Int)] = [:]
    private let templates: ParsedTemplates
    private let loader: TemplateLoader

    init(
        variables: [String: Value], field: String, at location: SourceLocation, templates: ParsedTemplates = .shared,
        loader: TemplateLoader = .none
    ) {
        self.variables = variables
        self.field = field
        self.location = location
        self.templates = templates
        self.loader = loader
    }

    func render(_ value: Value, depth: Int) throws -> Value {
        guard depth <= Self.depthLimit else {
            throw InputError(
                location, "variables in \(field) refer to each other more than \(Self.depthLimit) levels deep (a loop?)"
            )
        }
        switch value {
        case .string(let text):
            guard Self.hasTemplate(text) else { return value }
            let template = try parse(text)
            return try mapped(text) {
                try template.evaluate(
                    variables: { [unowned self] in try variable($0, depth: depth + 1) }, budget: budget, loader: loader)
            }
        case .list(let items):
            try spend(values: items.count)
            return .list(try items.map { try render($0, depth: depth) })
        case .map(let entries):
            try spend(values: entries.count)
            return .map(try entries.mapValues { try render($0, depth: depth) }.filter { $0.value != Self.omitted })
        case .int, .double, .bool, .null:
            return value
        }
    }

    /// `text` rendered to text, whatever type a lone expression in it has.
    func text(_ text: String) throws -> String {
        let template = try parse(text)
        return try mapped(text) {
            try template.render(
                variables: { [unowned self] in try variable($0, depth: 1) }, budget: budget, loader: loader)
        }
    }

    /// Whether `condition` holds, its variables rendered where they hold templates.
    func holds(_ condition: String) throws -> Bool {
        let expression = try Self.expression(condition, at: location, templates: templates)
        return try mapped(condition) {
            try expression.holds(
                variables: { [unowned self] in try variable($0, depth: 1) }, budget: budget, loader: loader)
        }
    }

    /// `condition` parsed (a whole `{{ condition }}` as the condition inside), once for each text.
    static func expression(
        _ condition: String, at location: SourceLocation, templates: ParsedTemplates = .shared
    ) throws -> JinjaExpression {
        var text = trimmed(condition)
        if text.hasPrefix("{{") && text.hasSuffix("}}") && !text.dropFirst(2).contains("{{") {
            text = String(text.dropFirst(2).dropLast(2))
        }
        do {
            return try templates.expression(text)
        } catch let error as TemplateError {
            throw InputError(
                location, "cannot read when: \(condition): \(error.message) (column \(error.column))",
                hint: error.unknown.flatMap { Suggestion.hint(for: $0.name, in: $0.candidates) })
        }
    }

    /// `condition` without the spaces around it (`CharacterSet.whitespaces`); one that starts
    /// and ends with a visible ASCII character as it is, without the bridge to `NSString`.
    private static func trimmed(_ condition: String) -> String {
        let visible = UInt8(ascii: "!")...UInt8(ascii: "~")
        if let first = condition.utf8.first, let last = condition.utf8.last, visible.contains(first),
            visible.contains(last)
        {
            return condition
        }
        return condition.trimmingCharacters(in: .whitespaces)
    }

    private func parse(_ text: String) throws -> JinjaTemplate {
        do {
            return try templates.template(text, field: field)
        } catch let error as TemplateError {
            throw inputError(error, text)
        }
    }

    private func mapped<T>(_ text: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TemplateError {
            throw inputError(error, text)
        }
    }

    /// A variable's value, its templates rendered (once), its size charged each time it is used.
    private func variable(_ name: String, depth: Int) throws -> Value? {
        if let done = rendered[name] {
            try spend(values: done.size)
            return done.value
        }
        guard let value = variables[name] else { return name == "omit" ? Self.omitted : nil }
        guard Self.containsTemplate(value) else { return value }
        let result = try render(value, depth: depth)
        rendered[name] = (result, Self.size(of: result))
        return result
    }

    /// The value `{{ omit }}` renders to.
    private static let omitted = Value.string(Template.omitPlaceholder)

    private func spend(values count: Int) throws {
        values += count
        guard values <= Self.valueLimit else {
            throw InputError(
                location,
                "the templates in \(field) make more than \(Self.valueLimit) values (variables that repeat each other?)"
            )
        }
    }

    /// Whether `text` has `{{`, `{%` or `{#` in it (a scan of its bytes: Foundation's search
    /// for each of the three was a sixth of validating a large fleet).
    static func hasTemplate(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "{"),
                byte == UInt8(ascii: "{") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "#")
            {
                return true
            }
            previous = byte
        }
        return false
    }

    /// Whether a string in `value` has a template in it.
    static func containsTemplate(_ value: Value) -> Bool {
        switch value {
        case .string(let text): return hasTemplate(text)
        case .list(let items): return items.contains(where: containsTemplate)
        case .map(let entries): return entries.values.contains(where: containsTemplate)
        case .int, .double, .bool, .null: return false
        }
    }

    private static func size(of value: Value) -> Int {
        switch value {
        case .list(let items): return items.count + items.reduce(0) { $0 + size(of: $1) }
        case .map(let entries): return entries.count + entries.values.reduce(0) { $0 + size(of: $1) }
        default: return 0
        }
    }

    private func inputError(_ error: TemplateError, _ text: String) -> InputError {
        // An error in a template the field's includes, imports or extends (named by its path, not
        // by the field or the default names) says which.
        let place =
            ![field, "template", "expression"].contains(error.name)
            ? " (line \(error.line), column \(error.column) of \(error.name))"
            : text.contains("\n") ? " (line \(error.line), column \(error.column) of the template)" : ""
        switch error.kind {
        case .undefined(let name) where !name.isEmpty:
            return InputError(location, "undefined variable '\(name)' in \(field)" + place, hint: hint(for: name))
        case .limit:
            return InputError(location, "the template in \(field) \(error.message)" + place)
        default:
            return InputError(
                location,
                "cannot render the template in \(field): \(error.message)"
                    + (place.isEmpty ? " (column \(error.column))" : place),
                hint: error.unknown.flatMap { Suggestion.hint(for: $0.name, in: $0.candidates) })
        }
    }

    /// "did you mean …?" for a misspelt variable, or a misspelt key of a mapping on its path.
    private func hint(for path: String) -> String? {
        let parts = path.split(separator: ".").map(String.init)
        guard parts.count > 1 else { return Suggestion.hint(for: path, in: Array(variables.keys)) }
        var value = variables[parts[0]]
        for part in parts.dropFirst().dropLast() {
            guard case .map(let entries)? = value else { return nil }
            value = entries[part]
        }
        guard case .map(let entries)? = value else { return nil }
        let parent = parts.dropLast().joined(separator: ".")
        return Suggestion.closest(to: parts[parts.count - 1], in: Array(entries.keys)).map {
            "did you mean '\(parent).\($0)'?"
        }
    }
}
