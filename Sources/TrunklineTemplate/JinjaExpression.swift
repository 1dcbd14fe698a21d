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
        do { expression = try Parser.parseExpression(source) } catch let error as TemplateError {
            throw error.named(name)
        }
    }

    /// The variable names the expression reads only outside `is defined`, `is undefined` and
    /// `default`: each must have a value for the expression to be evaluated. (A name it also
    /// asks about, as in `x is defined and x`, is left to the evaluation.)
    public var strictNames: [String] {
        let strict = expression.strictNames
        var seen = Set(expression.names.filter { name in !strict.contains { $0.1 == name.1 } }.map(\.0))
        return strict.map(\.0).filter { seen.insert($0).inserted }
    }

    /// The expression's truth (Python's, as `{% if %}` tests it).
    public func holds(
        variables: @escaping (String) throws -> Value?, budget: RenderBudget = RenderBudget(),
        loader: TemplateLoader = .none
    ) throws -> Bool {
        let renderer = JinjaTemplate.renderer(variables, budget, loader)
        return try renderer.truth(try renderer.evaluate(expression), at: expression.position)
    }
}
