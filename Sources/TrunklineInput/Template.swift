import Foundation
import Stencil
import TrunklineCore

/// Values with `{{ variable }}` templates, rendered with Stencil (a Jinja-like syntax Ansible
/// users read: `{{ mgmt_address }}`, `{% for p in ports %}…{% endfor %}`, `{% if %}`, filters).
///
/// Stricter than Stencil alone: a `{{ name }}` whose variable is not defined (and not bound by
/// a `{% for %}` in the same template), or a `{{ name.key }}` whose mapping has no such key, is
/// an error naming it and where it was used. A string that is exactly one `{{ name }}` takes
/// that variable's value with its type, so a list stays a list and a number a number. What one
/// value's templates may render and loop is bounded (`RenderBudget`).
public enum Template {
    private static let environment: Environment = {
        let loops = Extension()
        loops.registerTag("for", parser: MeteredLoop.parse)
        return Environment(extensions: [loops])
    }()
    private static let name = #"[\p{L}_][\p{L}\p{N}_]*"#
    private static let whole = try! NSRegularExpression(pattern: #"^\{\{\s*("# + name + #")\s*\}\}$"#)
    private static let used = try! NSRegularExpression(pattern: #"\{\{-?\s*("# + name + #"(?:\.[\p{L}\p{N}_]+)*)"#)
    private static let bound = try! NSRegularExpression(pattern: #"\{%-?\s*for\s+("# + name + #")(?:\s*,\s*("# + name + #"))?\s+in\s"#)

    /// How deep variables may refer to variables that hold templates.
    private static let depthLimit = 10

    /// `value` with every string in it rendered; `field` and `location` name it in errors.
    /// A variable's value that itself holds templates is rendered too.
    public static func render(_ value: Value, variables: [String: Value], field: String, at location: SourceLocation) throws -> Value {
        try render(value, variables: variables, field: field, at: location, depth: 0, budget: RenderBudget(field: field, at: location))
    }

    private static func render(_ value: Value, variables: [String: Value], field: String, at location: SourceLocation, depth: Int,
                               budget: RenderBudget) throws -> Value {
        guard depth <= depthLimit else {
            throw InputError(location, "variables in \(field) refer to each other more than \(depthLimit) levels deep (a loop?)")
        }
        switch value {
        case .string(let text):
            return try render(text, variables: variables, field: field, at: location, depth: depth, budget: budget)
        case .list(let items):
            try budget.spend(values: items.count)
            return .list(try items.map { try render($0, variables: variables, field: field, at: location, depth: depth, budget: budget) })
        case .map(let entries):
            try budget.spend(values: entries.count)
            return .map(try entries.mapValues { try render($0, variables: variables, field: field, at: location, depth: depth, budget: budget) })
        case .int, .double, .bool, .null:
            return value
        }
    }

    /// The variable's name if `text` is only `{{ name }}` (whose value keeps its type).
    public static func loneVariable(_ text: String) -> String? {
        guard let match = whole.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }

    private static func render(_ text: String, variables: [String: Value], field: String, at location: SourceLocation, depth: Int,
                               budget: RenderBudget) throws -> Value {
        guard text.contains("{{") || text.contains("{%") else { return .string(text) }
        if let name = loneVariable(text) {
            guard let value = variables[name] else {
                throw missing(name, field: field, at: location, hint: Suggestion.hint(for: name, in: Array(variables.keys)))
            }
            return try render(value, variables: variables, field: field, at: location, depth: depth + 1, budget: budget)
        }
        try checkDefined(text, variables: variables, field: field, at: location)
        let rendered = try stencil(text, variables: variables, budget: budget) { error in
            InputError(location, "cannot render the template in \(field): \(error)")
        }
        return rendered.contains("{{") && rendered != text
            ? try render(.string(rendered), variables: variables, field: field, at: location, depth: depth + 1, budget: budget) : .string(rendered)
    }

    /// Throws for a `{{ name }}` or `{{ name.key… }}` that Stencil would render as nothing: no
    /// such variable, or no such key in a mapping on the way. A name bound by a loop of the
    /// template, and what follows a list or a scalar, are left to Stencil.
    private static func checkDefined(_ text: String, variables: [String: Value], field: String, at location: SourceLocation) throws {
        let range = NSRange(text.startIndex..., in: text)
        let loopNames = Set(bound.matches(in: text, range: range).flatMap { match in
            (1...2).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
        } + ["forloop"])
        for match in used.matches(in: text, range: range) {
            guard let path = Range(match.range(at: 1), in: text).map({ text[$0].split(separator: ".").map(String.init) }),
                  !loopNames.contains(path[0]) else { continue }
            guard var value = variables[path[0]] else {
                throw missing(path[0], field: field, at: location, hint: Suggestion.hint(for: path[0], in: Array(variables.keys)))
            }
            for (offset, key) in path.enumerated().dropFirst() {
                guard case .map(let entries) = value, key != "count" || entries[key] != nil else { break }
                guard let next = entries[key] else {
                    let parent = path[..<offset].joined(separator: ".")
                    throw missing(parent + "." + key, field: field, at: location,
                                  hint: Suggestion.closest(to: key, in: Array(entries.keys)).map { "did you mean '\(parent).\($0)'?" })
                }
                value = next
            }
        }
    }

    /// `text` rendered by Stencil with the budget in its context; errors other than the
    /// budget's become `failure`.
    private static func stencil(_ text: String, variables: [String: Value], budget: RenderBudget,
                                failure: (Error) -> InputError) throws -> String {
        // Only the variables the text names: a template cannot reach one it does not name, and
        // converting every variable (`groups` holds every host) for each template would make a
        // large fleet's pre-flight quadratic.
        var context = variables.filter { text.contains($0.key) }.mapValues(\.templateValue)
        context[RenderBudget.contextKey] = budget
        let before = budget.bytes
        do {
            try budget.read(text)
            let rendered = try environment.renderTemplate(string: text, context: context)
            // Bytes of the loops were charged by them already.
            try budget.spend(bytes: rendered.utf8.count - (budget.bytes - before))
            return rendered
        } catch {
            throw budget.exceeded ?? failure(error)
        }
    }

    private static func missing(_ name: String, field: String, at location: SourceLocation, hint: String?) -> InputError {
        InputError(location, "undefined variable '\(name)' in \(field)", hint: hint)
    }
}

extension Value {
    /// The value as Stencil's context wants it.
    var templateValue: Any {
        switch self {
        case .string(let text): return text
        case .int(let number): return number
        case .double(let number): return number
        case .bool(let flag): return flag
        case .null: return ""
        case .list(let items): return items.map(\.templateValue)
        case .map(let entries): return entries.mapValues(\.templateValue)
        }
    }
}

extension Template {
    /// Whether `condition` (a Stencil `if` expression such as `os_family == "debian"` or
    /// `vlan > 1 and not legacy`) holds for `variables`.
    public static func holds(_ condition: String, variables: [String: Value], at location: SourceLocation) throws -> Bool {
        let budget = RenderBudget(field: "when: \(condition)", at: location)
        let rendered = try stencil("{% if \(condition) %}true{% endif %}", variables: variables, budget: budget) { error in
            InputError(location, "cannot evaluate when: \(condition): \(error)")
        }
        return rendered == "true"
    }
}
