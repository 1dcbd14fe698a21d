import Foundation
import Testing
import TrunklineCore
import TrunklineInput

@testable import TrunklineInventory

/// The pieces of Ansible's inventory reading that the oracle corpus does not reach one by one:
/// INI values as Python literals, shell-split host lines, host:port and IPv6, strides, and the
/// refusals.
@Suite("Ansible inventory sources")
struct AnsibleSourceTests {
    static let location = SourceLocation(file: "hosts", line: 1, column: 1)

    @Test(
        "INI values are Python literals, else text",
        arguments: [
            ("1", Value.int(1)), ("-3", .int(-3)), ("0x10", .int(16)), ("1_000", .int(1000)), ("1.5", .double(1.5)),
            ("1e3", .double(1000)),
            ("True", .bool(true)), ("False", .bool(false)), ("None", .null), ("yes", .string("yes")),
            ("01", .string("01")),
            ("'x y'", .string("x y")), ("\"a\" 'b'", .string("ab")),
            ("[1, 'two', 3.0]", .list([.int(1), .string("two"), .double(3)])),
            ("(1,)", .list([.int(1)])), ("{'mtu': 9000}", .map(["mtu": .int(9000)])), ("1 # note", .int(1)),
            ("hello # note", .string("hello # note")),
            ("", .string("")), ("[1,", .string("[1,")), ("Truee", .string("Truee")), ("/var/lib", .string("/var/lib")),
        ])
    func pythonLiterals(text: String, expected: Value) {
        #expect(PythonLiteral.value(text) == expected)
    }

    @Test("host lines split as shlex does: quotes removed, # starts a comment even inside a word")
    func shellWords() throws {
        #expect(
            try ShellWords.split(#"h1 a="two words" b='x' c=d#e f=g"#, comments: true, at: Self.location) == [
                "h1", "a=two words", "b=x", "c=d",
            ])
        #expect(try ShellWords.split(#"h1 a=\"q\""#, at: Self.location) == ["h1", #"a="q""#])
        #expect(throws: InputError.self) { try ShellWords.split("h1 a='open", at: Self.location) }
    }

    @Test("host:port, [v6]:port, bare IPv6 and ranges with a port")
    func addresses() {
        #expect(HostAddress.split("hv01:2222") == ("hv01", 2222))
        #expect(HostAddress.split("[2001:db8::5]:2222") == ("2001:db8::5", 2222))
        #expect(HostAddress.split("fe80::1") == ("fe80::1", nil))
        #expect(HostAddress.split("hv[01:03]:22") == ("hv[01:03]", 22))
        #expect(HostAddress.split("hv[01:03]") == ("hv[01:03]", nil))
    }

    @Test("strides, letter strides, and Ansible's width rule")
    func strides() throws {
        #expect(try HostRange.expand("hv[01:10:3]", at: Self.location) == ["hv01", "hv04", "hv07", "hv10"])
        #expect(try HostRange.expand("n[a:e:2]", at: Self.location) == ["na", "nc", "ne"])
        #expect(try HostRange.expand("h[:2]", at: Self.location) == ["h0", "h1", "h2"])
        #expect(throws: InputError.self) { try HostRange.expand("h[001:10]", at: Self.location) }
        #expect(throws: InputError.self) { try HostRange.expand("h[1:10:0]", at: Self.location) }
        #expect(try HostRange.expand("h[0:199999:2]", at: Self.location).count == 100_000)
        #expect(throws: InputError.self) { try HostRange.expand("h[0:200001:2]", at: Self.location) }
    }

    func load(_ files: [String: String], source: String) throws -> Inventory {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-sources-\(UUID().uuidString)"
        ).path
        for (path, text) in files {
            try FileManager.default.createDirectory(
                atPath: ((directory + "/" + path) as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try text.write(toFile: directory + "/" + path, atomically: true, encoding: .utf8)
        }
        return try InventoryLoader.load(sources: [directory + "/" + source])
    }

    func error(_ files: [String: String], source: String) -> String {
        do {
            _ = try load(files, source: source)
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "refused: plugin configs, toml, undefined INI groups, unknown section types, a YAML file without extension that is INI-invalid"
    )
    func refusals() {
        #expect(
            error(["aws.yml": "plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n"], source: "aws.yml").contains(
                "not supported: plugin amazon.aws.aws_ec2"))
        #expect(
            error(["c.yaml": "plugin: constructed\n"], source: "c.yaml").contains("not supported: plugin constructed"))
        #expect(error(["h.toml": "[all]\n"], source: "h.toml").contains("not supported: plugin toml"))
        #expect(
            error(["h": "[p:children]\nc\n"], source: "h").contains(
                "/h:2:1: error: section [p:children] names a group this file does not define: c"))
        #expect(
            error(["h": "[f:vars]\nx=1\n"], source: "h").contains(
                "section [f:vars] is for a group this file does not define: f"))
        #expect(error(["h": "[g:other]\n"], source: "h").contains("unknown type: other"))
        #expect(
            error(["h": "[web]\nw1 novalue\n"], source: "h").contains(
                "expected key=value host variable assignment, got: novalue"))
        #expect(error(["h": "[web]\nw1:\n"], source: "h").contains("reserved for a port"))
    }

    @Test("an INI file without extension, a YAML one without extension, and vars files of every extension")
    func withoutExtension() throws {
        let ini = try load(
            ["hosts": "[web]\nw1 a=1\n", "group_vars/web.json": "{\"j\": true}\n", "host_vars/w1": "h: 1\n"],
            source: "hosts")
        #expect(ini.variables(of: "w1", magic: false) == ["a": .int(1), "j": .bool(true), "h": .int(1)])
        let yaml = try load(["hosts": "web:\n  hosts:\n    w1:\n"], source: "hosts")
        #expect(yaml.hostNames(in: "web") == ["w1"])
    }

    @Test("a failing inventory script is an error with its message")
    func failingScript() throws {
        let text = error(["inv.sh": "#!/bin/sh\necho 'cannot reach the CMDB' >&2\nexit 3\n"], source: "inv.sh")
        #expect(text.contains("failed with status") || text.contains("cannot run"))
    }
}
