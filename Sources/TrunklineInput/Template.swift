import Foundation
import Stencil
import TrunklineCore

/// Values with `{{ variable }}` templates, rendered with Stencil (a Jinja-like syntax Ansible
/// users read: `{{ mgmt_address }}`, `{% for p in ports %}…{% endfor %}`, `{% if %}`, filters).
///
/// Stricter than Stencil alone: a `{{ name }}` whose variable is not defined (and not bound by
/// a `{% for %}` in the same template) is an error naming the variable and where it was used.
/// A string that is exactly one `{{ name }}` takes that variable's value with its type, so a
/// list stays a list and a number a number.
public enum Template {
    private static let environment = Environment()
    private static let whole = try! NSRegularExpression(pattern: #"^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$"#)
    private static let used = try! NSRegularExpression(pattern: #"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)"#)
    private static let bound = try! NSRegularExpression(pattern: #"\{%-?\s*for\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s*,\s*([A-Za-z_][A-Za-z0-9_]*))?\s+in\s"#)

    /// How deep variables may refer to variables that hold templates.
    private static let depthLimit = 10

    /// `value` with every string in it rendered; `field` and `location` name it in errors.
    /// A variable's value that itself holds templates is rendered too.
    public static func render(_ value: Value, variables: [String: Value], field: String, at location: SourceLocation) throws -> Value {
        try render(value, variables: variables, field: field, at: location, depth: 0)
    }

    private static func render(_ value: Value, variables: [String: Value], field: String, at location: SourceLocation, depth: Int) throws -> Value {
        guard depth <= depthLimit else {
            throw InputError(location, "variables in \(field) refer to each other more than \(depthLimit) levels deep (a loop?)")
        }
        switch value {
        case .string(let text):
            return try render(text, variables: variables, field: field, at: location, depth: depth)
        case .list(let items):
            return .list(try items.map { try render($0, variables: variables, field: field, at: location, depth: depth) })
        case .map(let entries):
            return .map(try entries.mapValues { try render($0, variables: variables, field: field, at: location, depth: depth) })
        case .int, .double, .bool, .null:
            return value
        }
    }

    /// The variable's name if `text` is only `{{ name }}` (whose value keeps its type).
    public static func loneVariable(_ text: String) -> String? {
        guard let match = whole.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }

    private static func render(_ text: String, variables: [String: Value], field: String, at location: SourceLocation, depth: Int) throws -> Value {
        guard text.contains("{{") || text.contains("{%") else { return .string(text) }
        let range = NSRange(text.startIndex..., in: text)
        if let name = loneVariable(text) {
            guard let value = variables[name] else { throw missing(name, field: field, at: location, variables: variables) }
            return try render(value, variables: variables, field: field, at: location, depth: depth + 1)
        }
        let loopNames = Set(bound.matches(in: text, range: range).flatMap { match in
            (1...2).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
        } + ["forloop"])
        for match in used.matches(in: text, range: range) {
            guard let name = Range(match.range(at: 1), in: text).map({ String(text[$0]) }) else { continue }
            if variables[name] == nil && !loopNames.contains(name) { throw missing(name, field: field, at: location, variables: variables) }
        }
        do {
            let rendered = try environment.renderTemplate(string: text, context: variables.mapValues(\.templateValue))
            return rendered.contains("{{") && rendered != text
                ? try render(.string(rendered), variables: variables, field: field, at: location, depth: depth + 1) : .string(rendered)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(location, "cannot render the template in \(field): \(error)")
        }
    }

    private static func missing(_ name: String, field: String, at location: SourceLocation, variables: [String: Value]) -> InputError {
        InputError(location, "undefined variable '\(name)' in \(field)", hint: Suggestion.hint(for: name, in: Array(variables.keys)))
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
        do {
            let rendered = try environment.renderTemplate(string: "{% if \(condition) %}true{% endif %}",
                                                          context: variables.mapValues(\.templateValue))
            return rendered == "true"
        } catch {
            throw InputError(location, "cannot evaluate when: \(condition): \(error)")
        }
    }
}
