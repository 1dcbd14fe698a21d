import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineRun

/// `trunkline validate` through the executable: pre-flight only, no connection.
@Suite("trunkline validate")
struct ValidateCommandTests {
    static let binary = TrunklineBinary.path

    func validate(inventory: String, limit: String) throws -> (Int32, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let hosts = directory.appendingPathComponent("hosts.yml").path,
            play = directory.appendingPathComponent("play.yml").path
        try inventory.write(toFile: hosts, atomically: true, encoding: .utf8)
        try "- hosts: all\n  steps:\n    - network: {model: \"{{ network }}\"}\n".write(
            toFile: play, atomically: true, encoding: .utf8)
        do {
            return (0, try LocalCommand.run([Self.binary, "validate", "-i", hosts, "--limit", limit, play]))
        } catch let failure as LocalCommand.Failure {
            return (failure.status, failure.output)
        }
    }

    // Port 9 on 127.0.0.1 answers nothing here: a validation that tried to connect would fail differently.
    static let inventory = """
        all:
          vars: {ansible_host: 127.0.0.1, ansible_port: 9}
          hosts:
            a: {network: {bridges: {br0: {address: 10.9.0.1/24}}}}
            b: {network: {bridges: {br0: {address: 10.9.0.1/24}}}}
            c: {network: {bridges: {br0: {address: 10.9.0.3, netmask: 255.255.155.0}}}}
        """

    @Test("a valid selection passes without connecting")
    func valid() throws {
        let (status, output) = try validate(inventory: Self.inventory, limit: "a")
        #expect(status == 0 && output == "valid: 1 plays, 1 hosts, 1 host steps\n")
    }

    @Test(
        "the same address on two hosts, and seed 004's netmask, are refused with file:line:column",
        arguments: [
            ("a,b", "play.yml:3:7: error: address 10.9.0.1 is given to both a (br0) and b (br0)"),
            // The netmask is written in the inventory: the error names that line, and the step that used it.
            (
                "c",
                "hosts.yml:6:34: error: network.bridges.br0: netmask 255.255.155.0 is not contiguous (did you mean '255.255.255.0'?; "
                    + "the value is network.bridges.br0, used by the network step at "
            ),
        ])
    func invalid(limit: String, expected: String) throws {
        let (status, output) = try validate(inventory: Self.inventory, limit: limit)
        #expect(status == 1)
        #expect(output.contains(expected), "\(output)")
    }
}
