import Foundation
import TrunklineCore
import TrunklineTemplate

/// Values with templates in them, rendered as Ansible renders Jinja2 (`TrunklineTemplate`):
/// `{{ mgmt_address }}`, `{% for p in ports %}…{% endfor %}`, `{% if %}`, filters and tests.
///
/// An undefined variable, or a key that a mapping does not have, is an error naming it and
/// where it was used, unless `default` or `is defined` asks about it. A string that is exactly
/// one `{{ expression }}` takes the expression's value with its type, so a list stays a list and
/// a number a number. A variable whose value holds templates is rendered where it is used.
/// What one value's templates may render and loop is bounded (`RenderBudget`).
public enum Template {
    /// What `{{ omit }}` renders to (unless a variable is named `omit`): a mapping entry whose
    /// value renders to exactly this is dropped, as Ansible drops a module argument set to
    /// `{{ omit }}`; anywhere else it stays text, as in Ansible.
    public static let omitPlaceholder = "__omit_place_holder__trunkline"

    private static let whole = try! NSRegularExpression(pattern: #"\A\{\{-?\s*([\p{L}_][\p{L}\p{N}_]*)\s*-?\}\}\z"#)

    /// `value` with every string in it rendered; `field` and `location` name it in errors.
    /// A variable's value that itself holds templates is rendered too. `loader` finds the
    /// templates and files the templates include, import, extend and look up.
    public static func render(
        _ value: Value, variables: [String: Value], field: String, at location: SourceLocation,
        loader: TemplateLoader = .none
    ) throws -> Value {
        guard containsTemplate(value) else { return value }
        return try TemplateRendering(variables: variables, field: field, at: location, loader: loader)
            .render(value, depth: 0)
    }

    /// Whether a string in `value` holds a template (`{{`, `{%` or `{#`); a value without one
    /// renders as itself.
    public static func containsTemplate(_ value: Value) -> Bool { TemplateRendering.containsTemplate(value) }

    /// `text` rendered to text, as `{{ }}` writes a value into a file (Python's `str`: a list
    /// as `['a', 'b']`), where `render` keeps a lone expression's type.
    public static func text(
        _ text: String, variables: [String: Value], field: String, at location: SourceLocation,
        loader: TemplateLoader = .none
    ) throws -> String {
        try TemplateRendering(variables: variables, field: field, at: location, loader: loader).text(text)
    }

    /// The variable's name if `text` is only `{{ name }}` (whose value keeps its type).
    public static func loneVariable(_ text: String) -> String? {
        guard let match = whole.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }

    /// Whether `condition` (a Jinja expression such as `os_family == "debian"` or
    /// `vlan > 1 and not legacy`) holds for `variables`.
    public static func holds(
        _ condition: String, variables: [String: Value], at location: SourceLocation, loader: TemplateLoader = .none
    ) throws -> Bool {
        try TemplateRendering(variables: variables, field: "when: \(condition)", at: location, loader: loader)
            .holds(condition)
    }

    /// Checks `condition`'s syntax, and that every name it reads outside `is defined` and
    /// `default` is a key of `variables` or one of `names`; the error for a misspelt one
    /// suggests the name meant.
    public static func check(
        _ condition: String, variables: [String: Value], names: Set<String>, at location: SourceLocation
    ) throws {
        let expression = try TemplateRendering.expression(condition, at: location)
        for name in expression.strictNames
        where variables[name] == nil && !names.contains(name)
            && !["range", "dict", "namespace", "lookup"].contains(name)
        {
            let names = names.union(variables.keys)
            let fact = name.hasPrefix("ansible_") ? String(name.dropFirst("ansible_".count)) : nil
            let hint = fact.flatMap {
                names.contains($0) ? "Trunkline's fact is '\($0)', its value in lower case (debian, rhel)" : nil
            }
            throw InputError(
                location, "undefined variable '\(name)' in when: \(condition)",
                hint: hint ?? Suggestion.hint(for: name, in: Array(names)))
        }
    }
}
