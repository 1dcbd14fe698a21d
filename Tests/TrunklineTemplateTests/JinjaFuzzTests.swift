import Foundation
import Testing
import TrunklineCore
import TrunklineTemplate
import TrunklineTestSupport

/// Templates made of random pieces of Jinja: each renders or fails with a `TemplateError`,
/// promptly, and never traps.
@Suite("Jinja templates of random pieces")
struct JinjaFuzzTests {
    static let pieces = [
        "{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "{{-", "-}}", " if ", " else ", " elif ", " endif ", " for ",
        " in ",
        " endfor ", " set ", " = ", " endset ", " macro ", " endmacro ", " raw ", " endraw ", "x", "l", "m.k", "m['k']",
        "(", ")",
        "[", "]", "{", "}", ",", ":", "|", " is ", " not ", " and ", " or ", "+", "-", "*", "/", "//", "%", "**", "~",
        "==", "<",
        "'s'", "\"q\"", "1", "2.5", "default", "upper", "join", "map", "defined", "loop.index", "range(3)", "\n", " ",
        "\\", "'",
        "f()", "x.y.z", "l[0]", "l[1:]", "namespace()", "none", "true",
    ]

    @Test("2000 seeded random templates render or fail with a TemplateError")
    func random() {
        var random = SeededRandom(seed: 13)
        let variables: [String: Value] = [
            "x": .string("X"), "l": .list([.int(1), .int(2)]), "m": .map(["k": .string("v")]),
        ]
        var unexpected: [String] = []
        for _ in 0..<2000 {
            let source = (0..<(1 + random.below(30))).map { _ in Self.pieces[random.below(Self.pieces.count)] }.joined()
            do {
                _ = try JinjaTemplate(source).render(variables: { variables[$0] })
            } catch is TemplateError {
            } catch {
                unexpected.append("\(source.debugDescription): \(error)")
            }
        }
        #expect(unexpected.isEmpty, "\(unexpected.joined(separator: "\n"))")
    }
}
