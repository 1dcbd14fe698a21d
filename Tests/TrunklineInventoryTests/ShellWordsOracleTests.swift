import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineInput

/// `ShellWords` against Python's `shlex.split` (how Ansible splits INI host lines and the ssh
/// argument variables): fixed cases and seeded random texts of the characters that matter, all
/// split by one python3 run, with and without `comments`.
@Suite("ShellWords against Python's shlex.split")
struct ShellWordsOracleTests {
    static let python = ProcessInfo.processInfo.environment["TRUNKLINE_PYTHON"] ?? "/usr/bin/python3"

    /// Texts whose splitting is well known to go wrong.
    static let fixed = [
        "", " ", "a", "a b", "  a\t\tb  ", "a\nb", "'a b'", "\"a b\"", "a'b c'd", "''", "\"\"", "a '' b",
        #"a\ b"#, #"\\"#, #"'a\b'"#, #""a\b""#, #""a\"b""#, #""a\\b""#, #""a\$b""#, #"a\"#, "'a", "\"a",
        "a#b", "a #b c", "#a", "'#a'", "\"#\"", "-o ProxyJump=ops@b1 -o 'UserKnownHostsFile=/x y'",
        "-o \"StrictHostKeyChecking=yes\" -i ~/k", "a\\\nb", "a\r\nb", "=a", "a=\"b c\"",
    ]

    /// Random texts over the characters the splitter treats specially, from `seed`.
    static func random(count: Int, seed: UInt64) -> [String] {
        var generator = SeededRandom(seed: seed)
        let alphabet: [Character] = ["a", "b", "=", " ", " ", "\t", "\n", "'", "\"", "\\", "#", "$", "-"]
        return (0..<count).map { _ in
            String((0..<generator.below(12)).map { _ in alphabet[generator.below(alphabet.count)] })
        }
    }

    /// Python's answer for each text: its words, or nil where shlex.split raises.
    static func shlex(_ texts: [String], comments: Bool) throws -> [[String]?] {
        let script = """
            import json, shlex, sys
            out = []
            for text in json.load(open(sys.argv[1])):
                try:
                    out.append(shlex.split(text, comments=sys.argv[2] == "1"))
                except ValueError:
                    out.append(None)
            print(json.dumps(out))
            """
        let directory = NSTemporaryDirectory() + "trunkline-shlex-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try JSONSerialization.data(withJSONObject: texts).write(to: URL(fileURLWithPath: directory + "/texts.json"))
        try Data(script.utf8).write(to: URL(fileURLWithPath: directory + "/split.py"))
        let output = try LocalCommand.run(
            [python, directory + "/split.py", directory + "/texts.json", comments ? "1" : "0"])
        let decoded = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any] ?? []
        return decoded.map { $0 as? [String] }
    }

    @Test(
        "every case splits into the words shlex.split makes, or is refused where shlex raises",
        arguments: [false, true])
    func againstShlex(comments: Bool) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.python), "no \(Self.python)")
        let texts = Self.fixed + Self.random(count: 400, seed: comments ? 2 : 1)
        let expected = try Self.shlex(texts, comments: comments)
        try #require(expected.count == texts.count)
        for (text, words) in zip(texts, expected) {
            let ours = try? ShellWords.split(text, comments: comments, at: SourceLocation(whole: "case"))
            #expect(ours == words, "\(String(reflecting: text))")
        }
    }
}
