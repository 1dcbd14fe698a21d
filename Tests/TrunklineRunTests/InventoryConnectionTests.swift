import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport
import TrunklineTransport

@testable import TrunklineCommands
@testable import TrunklinePlaybook
@testable import TrunklineRun

/// Connection variables are Ansible's names only; user data that looks like them is data.
@Suite("connection variables")
struct InventoryConnectionTests {
    static let defaults = ConnectionSettings(user: "ops", knownHostsFiles: ["/default/known_hosts"])
    static let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()

    @Test("plain port, user, host and known_hosts are user data: a CloudStack port 8250 is no SSH port")
    func userData() {
        let variables: [String: Value] = [
            "port": .int(8250), "user": .string("cloud"), "host": .string("cs.internal"), "known_hosts": .string("x"),
        ]
        let (target, settings) = InventoryConnection.resolve("cs1", variables: variables, defaults: Self.defaults)
        #expect(target.address == "cs1")
        #expect(settings.port == 22 && settings.user == "ops" && settings.knownHostsFiles == ["/default/known_hosts"])
    }

    @Test("legacy ansible_ssh_* names, ~ expanded, become as Ansible's boolean, ssh args")
    func ansibleNames() throws {
        let variables: [String: Value] = [
            "ansible_ssh_host": .string("192.0.2.10"), "ansible_ssh_port": .int(2201),
            "ansible_ssh_user": .string("admin"),
            "ansible_ssh_private_key_file": .string("~/.ssh/cloud_ed25519"), "ansible_become": .string("yes"),
            "ansible_ssh_common_args": .string("-o UserKnownHostsFile=~/.ssh/cloud_known -o StrictHostKeyChecking=no"),
        ]
        let (target, settings) = InventoryConnection.resolve("cs1", variables: variables, defaults: Self.defaults)
        #expect(target.address == "192.0.2.10")
        #expect(settings.port == 2201 && settings.user == "admin" && settings.become)
        #expect(settings.identityFiles == [Self.home + "/.ssh/cloud_ed25519"])
        #expect(settings.knownHostsFiles == [Self.home + "/.ssh/cloud_known"])
        // StrictHostKeyChecking=no does not weaken the policy: it is reported and not followed.
        #expect(settings.hostKeyPolicy == .strict)
        #expect(
            try InventoryConnection.check("cs1", variables: variables).contains {
                $0.contains("StrictHostKeyChecking=no is not followed")
            })
    }

    @Test("ansible_* wins over the ssh arguments; trunkline_known_hosts is Trunkline's own")
    func precedence() {
        let variables: [String: Value] = [
            "ansible_ssh_extra_args": .string("-p 2022 -l root -i /k"), "ansible_port": .int(2200),
            "trunkline_known_hosts": .list([.string("/a"), .string("~/b")]),
        ]
        let (_, settings) = InventoryConnection.resolve("h", variables: variables, defaults: Self.defaults)
        #expect(settings.port == 2200 && settings.user == "root" && settings.identityFiles == ["/k"])
        #expect(settings.knownHostsFiles == ["/a", Self.home + "/b"])
    }

    @Test(
        "refused before any connection: a bad boolean, another become method or user, a bad port, an unreadable ProxyJump",
        arguments: [
            (["ansible_become": Value.string("maybe")], "ansible_become must be a boolean"),
            (["ansible_become_method": .string("su")], "not supported: ansible_become_method su"),
            (["ansible_become_user": .string("postgres")], "not supported: ansible_become_user postgres"),
            (["ansible_port": .string("ssh")], "ansible_port must be a port number"),
            (["ansible_ssh_common_args": .string("-J a,,b")], "invalid ProxyJump 'a,,b': '': the hop is empty"),
            (["ansible_ssh_extra_args": .string("-o ProxyJump=b:99999")], "invalid ProxyJump 'b:99999'"),
        ])
    func refused(variables: [String: Value], message: String) {
        #expect {
            _ = try InventoryConnection.check("h", variables: variables)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test(
        "-J and -o ProxyJump= in the ssh arguments: every hop, a hop without a user logging in as the command line's user"
    )
    func proxyJump() throws {
        let variables: [String: Value] = [
            "ansible_user": .string("root"), "ansible_ssh_common_args": .string("-J ops@b1:2222,b2"),
        ]
        #expect(try InventoryConnection.check("h", variables: variables).isEmpty)
        let (_, settings) = InventoryConnection.resolve("h", variables: variables, defaults: Self.defaults)
        #expect(
            settings.jumpHosts == [
                JumpHost(user: "ops", address: "b1", port: 2222), JumpHost(user: "ops", address: "b2"),
            ])
        #expect(settings.user == "root")
        let option = InventoryConnection.resolve(
            "h", variables: ["ansible_ssh_extra_args": .string("-o ProxyJump=jump@[2001:db8::1]:22")],
            defaults: Self.defaults
        ).1
        #expect(option.jumpHosts == [JumpHost(user: "jump", address: "2001:db8::1", port: 22)])
        #expect(InventoryConnection.resolve("h", variables: [:], defaults: Self.defaults).1.jumpHosts.isEmpty)
    }

    @Test(
        "Ansible's booleans",
        arguments: [
            (Value.string("yes"), true), (.string("On"), true), (.string("1"), true), (.string("t"), true),
            (.bool(true), true), (.int(1), true),
            (.string("no"), false), (.string("OFF"), false), (.string("0"), false), (.string("f"), false),
            (.bool(false), false), (.int(0), false),
        ])
    func booleans(value: Value, expected: Bool) {
        #expect(AnsibleBoolean.parse(value) == expected)
    }
}
