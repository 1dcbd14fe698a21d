import Testing
import TrunklineCore
import TrunklineInput

@testable import TrunklineInventory

/// Hostile YAML: each is refused at its place when the file is read, before any conversion.
@Suite("YAML limits")
struct YAMLBoundsTests {
    /// A 1 KB "billion laughs": nine levels of ten aliases each.
    static let laughs: String = {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        return text
    }()

    func loadError(_ inventory: String, files: [String: String] = [:], extra: [String] = []) throws -> String? {
        let fixture = try InventoryFixture(inventory, files: files)
        do {
            _ = try InventoryLoader.load(fixture.path)
            _ = try ExtraVariables(parsing: extra.map { "@" + fixture.directory.appendingPathComponent($0).path })
            return nil
        } catch let error as InputError {
            return error.description.replacingOccurrences(of: fixture.directory.path + "/", with: "")
        }
    }

    // Before, converting it copied every alias: the load never ended.
    @Test("a billion laughs is refused, in the inventory, group_vars/ and an -e @file alike")
    func billionLaughs() throws {
        let message = "error: the YAML expands to more than 1000000 nodes (aliases?)"
        #expect(Self.laughs.utf8.count < 1024)
        #expect(
            try loadError(
                "all:\n  vars:\n" + Self.laughs.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))?
                .hasSuffix(message) == true)
        #expect(
            try loadError("all:\n  hosts: {h1: }\n", files: ["group_vars/all.yml": Self.laughs])?.hasPrefix(
                "group_vars/all.yml:") == true)
        #expect(
            try loadError("all:\n  hosts: {h1: }\n", files: ["laughs.yml": Self.laughs], extra: ["laughs.yml"])?
                .hasSuffix(message) == true)
    }

    @Test("aliases within the limit still stand for their values")
    func aliases() throws {
        let fixture = try InventoryFixture("all:\n  vars:\n    base: &base {mtu: 9000}\n    copy: *base\n")
        #expect(try InventoryLoader.load(fixture.path).groups["all"]?.variables["copy"] == .map(["mtu": .int(9000)]))
    }

    // Before, 600 nested lists loaded, and printing the inventory failed with a 17 KB dump of them.
    @Test("nesting deeper than 100 levels is refused at the list that goes too deep, and the message shows no value")
    func deepNesting() throws {
        let text =
            "all:\n  vars:\n    x: " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "\n"
        let error = try #require(try loadError(text))
        #expect(error == "hosts.yml:3:106: error: the YAML nests lists and mappings more than 100 levels deep")
    }

    // Before, `.inf` loaded and printing the inventory failed with `EncodingError.invalidValue: inf (Double)`.
    @Test("a number that is not finite is refused at its place", arguments: [".inf", "-.inf", ".nan", ".NaN"])
    func notFinite(number: String) throws {
        #expect(
            try loadError("all:\n  hosts:\n    h1: {x: \(number)}\n")
                == "hosts.yml:3:13: error: '\(number)' is not a finite number (quote it for a string)")
        #expect(try loadError("all:\n  hosts:\n    h1: {x: \"\(number)\"}\n") == nil)
    }

    @Test("a key that is a list or mapping is refused: it has no name to show")
    func complexKey() throws {
        #expect(
            try loadError("all:\n  vars:\n    ? [a, b]\n    : 1\n")
                == "hosts.yml:3:7: error: a key must be a string, not a list or mapping")
    }
}
