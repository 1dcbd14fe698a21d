import TrunklineCore

/// A template in Jinja2 as Ansible renders it (`trim_blocks`, `keep_trailing_newline`, strict
/// about undefined names except under `default` and `is defined`), parsed once, rendered with
/// variables any number of times.
public struct JinjaTemplate: Sendable {
    let nodes: [Node]
    /// Every block the template writes, by name.
    let blocks: [String: BlockDefinition]
    /// The template's name in errors (a file, or the field holding it).
    public let name: String

    /// Parses `source`; a syntax error names `name`, the line and the column.
    public init(_ source: String, name: String = "template") throws {
        self.name = name
        do {
            nodes = try Parser.parse(source)
            blocks = try Node.blocks(in: nodes)
        } catch let error as TemplateError {
            throw error.named(name)
        }
    }

    /// Whether the template is exactly one `{{ expression }}`, whose value keeps its type.
    public var isLoneExpression: Bool {
        guard nodes.count == 1, case .output = nodes[0] else { return false }
        return true
    }

    /// The text the template renders; `variables` gives a name's value (nil: undefined), and
    /// `loader` the templates and files it names.
    public func render(
        variables: @escaping (String) throws -> Value?, budget: RenderBudget = RenderBudget(),
        loader: TemplateLoader = .none
    ) throws -> String {
        let renderer = Self.renderer(variables, budget, loader)
        do { return try renderer.render(self) } catch let error as TemplateError { throw error.named(name) }
    }

    /// The template's value: a lone expression's with its type (as Ansible's native rendering
    /// keeps it), else the rendered text.
    public func evaluate(
        variables: @escaping (String) throws -> Value?, budget: RenderBudget = RenderBudget(),
        loader: TemplateLoader = .none
    ) throws -> Value {
        guard isLoneExpression, case .output(let expression, let at) = nodes[0] else {
            return .string(try render(variables: variables, budget: budget, loader: loader))
        }
        let renderer = Self.renderer(variables, budget, loader)
        do {
            let value = try renderer.strict(try renderer.evaluate(expression), at: expression.position ?? at)
            return try value.value(at: expression.position ?? at)
        } catch let error as TemplateError {
            throw error.named(name)
        }
    }

    static func renderer(
        _ variables: @escaping (String) throws -> Value?, _ budget: RenderBudget, _ loader: TemplateLoader
    ) -> Renderer {
        Renderer(budget: budget, loader: loader) { name in try variables(name).map(TemplateValue.init) }
    }
}
