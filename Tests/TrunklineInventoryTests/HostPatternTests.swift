import Testing
import TrunklineCore

@testable import TrunklineInventory

@Suite("Host patterns")
struct HostPatternTests {
    static let location = SourceLocation(file: "play.yml", line: 2, column: 10)

    func hosts(_ pattern: String) throws -> [String] {
        let inventory = try InventoryLoader.load(try InventoryFixture(InventoryLoaderTests.zone).path)
        return try HostPattern(pattern, at: Self.location).hosts(in: inventory)
    }

    @Test(
        "every form selects what Ansible would",
        arguments: [
            ("all", ["spare", "hv01", "hv02", "hv03", "hv04", "nas1"]),
            ("*", ["spare", "hv01", "hv02", "hv03", "hv04", "nas1"]),
            ("zone1", ["hv01", "hv02", "hv03", "hv04"]),
            ("hv03", ["hv03"]),
            ("hv0[12]", ["hv01", "hv02"]),
            ("~^(hv04|nas)", ["hv04", "nas1"]),
            ("storage:hv04", ["hv02", "hv04", "nas1"]),
            ("storage,spare", ["spare", "hv02", "nas1"]),
            ("cloudstack:&storage", ["hv02"]),
            ("cloudstack:!storage", ["hv01", "hv03", "hv04"]),
            ("all:!cloud*", ["spare", "nas1"]),
            ("zone1:!hv01:!hv02:&cloudstack", ["hv03", "hv04"]),
        ])
    func forms(pattern: String, expected: [String]) throws {
        #expect(try hosts(pattern) == expected)
    }

    @Test("an unknown name is an error at the pattern's place, with a suggestion")
    func unknown() {
        #expect {
            try hosts("zone1:storag")
        } throws: { error in
            (error as? InputError)?.description
                == "play.yml:2:10: error: unknown host pattern 'storag': no group or host has that name (did you mean 'storage'?)"
        }
    }

    // Before, the 2 MB name was compared with every name and then printed whole.
    @Test("a 2 MB pattern is refused at once, quoted in 80 characters")
    func hugePattern() {
        #expect {
            try hosts(String(repeating: "x", count: 2 << 20))
        } throws: { error in
            (error as? InputError)?.message
                == "unknown host pattern '\(String(repeating: "x", count: 80))…': no group or host has that name"
        }
    }
}
