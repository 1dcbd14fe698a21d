import Foundation
import Testing
import TrunklineTestSupport

/// `trunkline.1`, the manual page `scripts/manual` generates from the command definitions (and
/// `scripts/install` installs): well-formed for groff, and holding every subcommand, option and
/// example that the executable's own help has.
@Suite("The manual page")
struct ManualPageTests {
    static let page =
        ProcessInfo.processInfo.environment["TRUNKLINE_MANUAL"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/trunkline.1").path

    /// Each subcommand's name, the long names of its options and the command lines of its examples,
    /// as the executable describes itself (`--experimental-dump-help`).
    static func commands() throws -> [(name: String, options: [String], examples: [String])] {
        let dump = try LocalCommand.run([TrunklineBinary.path, "--experimental-dump-help"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        let root = try #require(document["command"] as? [String: Any])
        let subcommands = try #require(root["subcommands"] as? [[String: Any]])
        return subcommands.compactMap { command in
            guard let name = command["commandName"] as? String, name != "help" else { return nil }
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let options = arguments.flatMap { argument in
                (argument["names"] as? [[String: String]] ?? []).filter { $0["kind"] == "long" }.compactMap {
                    $0["name"]
                }
            }
            let discussion = command["discussion"] as? String ?? ""
            let examples = discussion.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("trunkline \(name) ") }
            return (name, options, examples)
        }
    }

    @Test("trunkline.1 reads without a groff warning and has every subcommand, option and example of the help")
    func everyCommand() throws {
        guard FileManager.default.fileExists(atPath: Self.page) else {
            Issue.record("no manual page at \(Self.page): run scripts/manual (scripts/test does)")
            return
        }
        #expect(try LocalCommand.run(["groff", "-mdoc", "-Tutf8", "-ww", "-z", Self.page]) == "")
        let text = try LocalCommand.run(["groff", "-mdoc", "-Tutf8", "-P-cbou", "-rLL=400n", Self.page])
        #expect(text.contains("trunkline — "))
        let commands = try Self.commands()
        #expect(
            commands.map(\.name).sorted() == [
                "apply", "check", "drift", "exec", "facts", "history", "inventory", "ping", "validate",
            ])
        for command in commands {
            #expect(
                ["\n     \(command.name) ", "\n     \(command.name)\n"].contains { text.contains($0) },
                "the page has no entry for \(command.name)")
            for option in command.options {
                #expect(text.contains("--\(option)"), "the page lacks \(command.name)'s --\(option)")
            }
            #expect(!command.examples.isEmpty, "\(command.name)'s help has no examples")
            for example in command.examples {
                #expect(text.contains(example), "the page lacks the example \(example)")
            }
        }
    }
}
