/// Something a template can call: a macro, a global such as `range`, a bound method such as
/// `text.split`.
final class TemplateFunction: @unchecked Sendable {
    typealias Body = (_ positional: [TemplateValue], _ named: [(String, TemplateValue)]) throws -> TemplateValue

    let name: String
    let body: Body
    /// Whether a call's result is text a macro made (output as it is).
    let isMacro: Bool

    init(_ name: String, isMacro: Bool = false, body: @escaping Body) {
        self.name = name
        self.isMacro = isMacro
        self.body = body
    }
}
