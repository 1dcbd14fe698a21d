import Testing
import TrunklineCore
import TrunklineInput
import TrunklineTestSupport

@testable import TrunklineEngine

/// A file mode means what it reads as, however YAML writes it, and anything else is refused.
@Suite("File modes as written")
struct FileModeTests {
    /// The mode a `file` step plans for `mode: TEXT` written in YAML.
    static func mode(_ yaml: String) throws -> Int32? {
        let node = try #require(try YAMLNode.parse("mode: \(yaml)\n", file: "play.yml"))
        guard case .map(let values) = node.value() else { throw InputError(node.location, "not a mapping") }
        return try StepArguments(kind: FileStep.name, location: node.location, values: values).mode("mode")
    }

    @Test(
        "0644, 0o644, 644 and their quoted forms are all rw-r--r--",
        arguments: ["0644", "0o644", "644", "\"0644\"", "'644'", "\"0o644\""])
    func octal(_ written: String) throws {
        #expect(try Self.mode(written) == 0o644)
    }

    @Test(
        "special bits and zero are kept",
        arguments: [("01777", Int32(0o1777)), ("\"4755\"", 0o4755), ("0", 0), ("0000", 0)])
    func special(_ written: String, _ mode: Int32) throws {
        #expect(try Self.mode(written) == mode)
    }

    @Test(
        "what is no octal mode is refused with its place",
        arguments: ["\"-1\"", "-1", "0955", "\"rw-r--r--\"", "99999", "0x1a4", "6.44", "[644]", "\"\"", "017777"])
    func refused(_ written: String) {
        #expect {
            _ = try Self.mode(written)
        } throws: { error in
            (error as? InputError)?.description.contains("play.yml:1:1: error: file.mode must be an octal mode") == true
        }
    }

    @Test(
        "a number written with a leading zero is kept as written, so a plain-number field refuses it instead of taking 420"
    )
    func leadingZeroKept() throws {
        let node = try #require(
            try YAMLNode.parse("a: 0644\nb: 0o17\nc: 100\nd: 0\ne: -012\nf: 0x10\ng: -5\n", file: "vars.yml"))
        #expect(
            node.value()
                == .map([
                    "a": .string("0644"), "b": .string("0o17"), "c": .int(100), "d": .int(0), "e": .string("-012"),
                    "f": .string("0x10"), "g": .int(-5),
                ]))
    }

    @Test("a VLAN written as a string says so")
    func quotedVLAN() {
        let reader = ValueReader(at: StepHarness.location, kind: "network")
        #expect {
            _ = try reader.vlan(.string("100"), "tag")
        } throws: { error in
            (error as? InputError)?.description.hasPrefix(
                "play.yml:7:5: error: network: tag must be a VLAN ID from 1 to 4094, not the string \"100\"") == true
        }
    }
}
