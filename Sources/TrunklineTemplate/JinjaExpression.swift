import TrunklineCore

/// One Jinja expression alone, as Ansible's `when:` holds it: true or false for variables,
/// strict about undefined names except under `is defined` and `default`.
public struct JinjaExpression: Sendable {
    private let expression: Expression
    /// The expression's text.
    public let source: String

    /// Parses `source`; a syntax error says where.
    public init(_ source: String, name: String = "expression") throws {
        self.source = source
        do { expression = try Parser.parseExpression(source) } catch let error as TemplateError { throw error.named(name) }
    }

    /// The variable names the expression reads outside `is defined`, `is undefined` and
    /// `default`: each must have a value for the expression to be evaluated.
    public var strictNames: [String] {
        var seen = Set<String>()
        return expression.strictNames.map(\.0).filter { seen.insert($0).inserted }
    }

    /// The expression's truth (Python's, as `{% if %}` tests it).
    public func holds(variables: @escaping (String) throws -> Value?, budget: RenderBudget = RenderBudget()) throws -> Bool {
        let renderer = JinjaTemplate.renderer(variables, budget)
        return try renderer.truth(try renderer.evaluate(expression), at: expression.position)
    }
}
