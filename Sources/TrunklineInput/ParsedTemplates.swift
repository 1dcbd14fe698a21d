import Foundation
import TrunklineTemplate

/// Templates parsed once for each text and field, and `when:` expressions once for each text,
/// however many hosts render them: a play's steps render the same argument templates and
/// conditions for every host, and parsing was most of the work. It holds at most `capacity` of
/// each, and starts again empty when full.
final class ParsedTemplates: @unchecked Sendable {
    /// The templates every rendering shares.
    static let shared = ParsedTemplates()
    /// How many templates it holds at most.
    static let capacity = 10_000

    private let lock = NSLock()
    private var templates: [String: JinjaTemplate] = [:]
    private var expressions: [String: JinjaExpression] = [:]
    private var parseCount = 0

    /// How many templates and expressions have been parsed, not found already parsed.
    var parses: Int { lock.withLock { parseCount } }

    /// `text` parsed, named `field` in errors; throws its `TemplateError`.
    func template(_ text: String, field: String) throws -> JinjaTemplate {
        let key = field + "\u{0}" + text
        if let parsed = lock.withLock({ templates[key] }) { return parsed }
        let parsed = try JinjaTemplate(text, name: field)
        lock.withLock {
            if templates.count >= Self.capacity { templates.removeAll() }
            templates[key] = parsed
            parseCount += 1
        }
        return parsed
    }

    /// `text` parsed as an expression; throws its `TemplateError`.
    func expression(_ text: String) throws -> JinjaExpression {
        if let parsed = lock.withLock({ expressions[text] }) { return parsed }
        let parsed = try JinjaExpression(text)
        lock.withLock {
            if expressions.count >= Self.capacity { expressions.removeAll() }
            expressions[text] = parsed
            parseCount += 1
        }
        return parsed
    }
}
