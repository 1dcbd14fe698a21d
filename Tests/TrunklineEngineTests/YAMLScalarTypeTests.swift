import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport
import Yams

@testable import TrunklineInput

/// The hand-written YAML 1.1 scalar resolution against the regular expressions of Yams's default
/// resolver, which it replaces when documents are composed.
@Suite("YAML scalar types")
struct YAMLScalarTypeTests {
    /// The default resolver's rules that decide a type `YAMLNode.value()` converts to, in its order.
    private static let rules: [(type: YAMLScalarType, pattern: NSRegularExpression)] = [
        (YAMLScalarType.bool, Resolver.Rule.bool), (.int, Resolver.Rule.int), (.float, Resolver.Rule.float),
    ].map { (type: $0.0, pattern: try! NSRegularExpression(pattern: $0.1.pattern)) }

    private static func reference(_ text: String) -> YAMLScalarType {
        let range = NSRange(text.startIndex..., in: text)
        return rules.first { $0.pattern.firstMatch(in: text, range: range) != nil }?.type ?? .text
    }

    private static let written = [
        "0", "00", "07", "08", "09", "0_", "0o", "0o7", "0o8", "0b", "0b101", "0b2", "0x", "0x1F", "0xg", "-0x1a",
        "+0b1",
        "1", "-1", "+1", "1_000", "1__", "12:30", "1:2:3", "1:60", "1:65", "1:5", "0:30", "-1:30", "1:30.5", "1:30.",
        "1.", "1.5", "-1.5e3", "1e5", "1e+5", "1E-5", "1.5e", ".5", "+.5", "._", ".", "..", ".e5", ".5e5", ".5e+5",
        ".inf", "-.inf", "+.Inf", ".INF", ".nan", "-.nan", ".NaN", ".NAN", ".nAn", "inf", "nan",
        "yes", "Yes", "YES", "yEs", "no", "on", "ON", "off", "OFF", "true", "True", "TRUE", "tRUE", "false", "FALSE",
        "y", "n",
        "", "~", "null", "<<", "=", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "10.0.0.1", "hv01", "1.2.3", "0644",
        "+", "-", "1-2", "٣", "１", "1 2",
    ]

    @Test("written edge cases resolve as the regular expressions do")
    func writtenCases() {
        for text in Self.written {
            #expect(YAMLScalarType.of(plain: text) == Self.reference(text), "\(text)")
        }
    }

    @Test("random scalars over the characters that matter resolve as the regular expressions do")
    func randomCases() {
        var random = SeededRandom(seed: 15)
        let alphabet = Array("0123456789_.:+-eExXbBoOaAfFiInNtTyYsS ٣")
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...7, using: &random)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
            #expect(YAMLScalarType.of(plain: text) == Self.reference(text), "\(text)")
        }
    }

    @Test("values typed as before: plain scalars resolved, quoted and explicitly tagged ones kept")
    func values() throws {
        let yaml = """
            a: 8250
            b: yes
            c: "yes"
            d: 1.5
            e: !!str 12
            g: 0644
            h: 10.0.0.1
            i: ~
            j: 'null'
            k: 1:30
            """
        let root = try #require(try YAMLNode.parse(yaml, file: "t.yml"))
        #expect(
            root.value()
                == .map([
                    "a": .int(8250), "b": .bool(true), "c": .string("yes"), "d": .double(1.5), "e": .string("12"),
                    "g": .string("0644"), "h": .string("10.0.0.1"), "i": .null, "j": .string("null"),
                    "k": .string("1:30"),
                ]))
    }

    @Test("an unquoted .inf is still refused with its place")
    func infinity() {
        #expect(throws: InputError.self) { try YAMLNode.parse("mtu: .inf\n", file: "t.yml") }
    }
}
