import Testing
import TrunklineCore
@testable import TrunklineTemplate

@Suite("Jinja templates")
struct JinjaTemplateTests {
    func render(_ source: String, _ variables: [String: Value] = [:]) throws -> String {
        try JinjaTemplate(source).render(variables: { variables[$0] })
    }

    @Test("smoke")
    func smoke() throws {
        #expect(try render("sum={{ 10 + 2 }};") == "sum=12;")
        #expect(try render("{{ a ~ 'x' }}", ["a": .string("b")]) == "bx")
    }
}
