import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport
import TrunklineTransport

@testable import TrunklineCommands
@testable import TrunklinePlaybook
@testable import TrunklineRun

/// ssh_config as OpenSSH reads it (asked with `ssh -G`): aliases, wildcards and their settings
/// under the inventory's; no weakening of host key checks; ProxyJump hops set up by the file
/// for their own names; and an alias that reaches a real loopback sshd.
@Suite("ssh_config")
struct SSHConfigTests {
    let directory = NSTemporaryDirectory() + "trunkline-sshconfig-" + UUID().uuidString

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try """
        Host hv-alias
          HostName 127.0.0.1
          Port 2299
          User ops2
          IdentityFile ~/.ssh/alias_key
          UserKnownHostsFile \(directory)/known
          StrictHostKeyChecking no
          ConnectTimeout 7
          HostKeyAlias hv-alias.keys
        Host behind
          ProxyJump bastion.example
        Host behind2
          ProxyJump root@hv-alias:2201,jump.zone1
        Host *.zone1
          User zoneuser

        """.write(toFile: directory + "/config", atomically: true, encoding: .utf8)
    }

    var defaults: ConnectionSettings {
        var settings = ConnectionSettings(user: "ops", knownHostsFiles: ["/default/known_hosts"])
        settings.sshConfigFile = directory + "/config"
        return settings
    }

    @Test(
        "an alias's HostName, Port, User, IdentityFile, UserKnownHostsFile, ConnectTimeout; wildcards; the inventory wins"
    )
    func alias() throws {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        let (target, settings) = InventoryConnection.resolve("hv-alias", variables: [:], defaults: defaults)
        #expect(target.address == "127.0.0.1")
        #expect(settings.port == 2299 && settings.user == "ops2")
        #expect(settings.identityFiles == [home + "/.ssh/alias_key"])
        #expect(settings.knownHostsFiles == [directory + "/known"])
        #expect(settings.connectTimeout == .seconds(7))
        #expect(settings.hostKeyAlias == "hv-alias.keys")
        #expect(settings.hostKeyPolicy == .strict)
        #expect(
            try InventoryConnection.check("hv-alias", variables: [:], sshConfigFile: directory + "/config")
                .contains { $0.contains("StrictHostKeyChecking") && $0.contains("not followed") })
        #expect(InventoryConnection.resolve("kvm1.zone1", variables: [:], defaults: defaults).1.user == "zoneuser")
        let (_, inventoryWins) = InventoryConnection.resolve(
            "hv-alias", variables: ["ansible_user": .string("root"), "ansible_port": .int(22)], defaults: defaults)
        #expect(inventoryWins.user == "root" && inventoryWins.port == 22)
        // ansible_host names what ssh_config matches, as ansible passes it to ssh.
        #expect(
            InventoryConnection.resolve("web1", variables: ["ansible_host": .string("hv-alias")], defaults: defaults).0
                .address == "127.0.0.1")
    }

    @Test(
        "ProxyJump from ssh_config: each hop as the file sets it up for its own name; -J or ProxyJump=none in the inventory wins"
    )
    func proxyJump() throws {
        #expect(try InventoryConnection.check("behind", variables: [:], sshConfigFile: directory + "/config").isEmpty)
        #expect(
            InventoryConnection.resolve("behind", variables: [:], defaults: defaults).1.jumpHosts
                == [JumpHost(user: "ops", address: "bastion.example")])
        // hv-alias is HostName 127.0.0.1, Port 2299, User ops2; what the hop names itself wins.
        #expect(
            InventoryConnection.resolve("behind2", variables: [:], defaults: defaults).1.jumpHosts
                == [
                    JumpHost(user: "root", address: "127.0.0.1", port: 2201),
                    JumpHost(user: "zoneuser", address: "jump.zone1"),
                ])
        let alias = InventoryConnection.resolve(
            "behind", variables: ["ansible_ssh_common_args": .string("-J hv-alias")], defaults: defaults)
        #expect(alias.1.jumpHosts == [JumpHost(user: "ops2", address: "127.0.0.1", port: 2299)])
        let direct = InventoryConnection.resolve(
            "behind", variables: ["ansible_ssh_extra_args": .string("-o ProxyJump=none")], defaults: defaults)
        #expect(direct.1.jumpHosts.isEmpty)
    }

    @Test("facts reach a loopback sshd through nothing but an ssh_config alias")
    func reachesAlias() throws {
        let server = try TestSSHServer()
        defer { server.stop() }
        try """
        Host lab-alias
          HostName 127.0.0.1
          Port \(server.port)
          User root
          IdentityFile \(server.clientKey)
          UserKnownHostsFile \(server.knownHosts)

        """.write(toFile: directory + "/lab_config", atomically: true, encoding: .utf8)
        try "[hv]\nlab-alias\n".write(toFile: directory + "/hosts", atomically: true, encoding: .utf8)
        let (status, text) = try InventoryOracleTests.trunkline(
            [
                "facts", "-i", directory + "/hosts", "--ssh-config", directory + "/lab_config", "--no-ovs",
                "--no-agent", "--timeout", "10",
            ], in: directory)
        #expect(status == 0, "\(text)")
        #expect(text.contains("lab-alias"))
    }
}
