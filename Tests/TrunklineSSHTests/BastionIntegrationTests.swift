import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineCore
@testable import TrunklineSSH
@testable import TrunklineTransport

/// ProxyJump for real: the controller reaches a target sshd through direct-tcpip channels of a
/// bastion sshd (and of a second one for a chain), all on loopback, every hop's host key
/// checked on its own; sessions are counted on the servers themselves (one sshd child each).
@Suite("Bastions: ProxyJump through real sshds", .serialized)
final class BastionIntegrationTests {
    let bastion: TestSSHServer
    let target: TestSSHServer

    init() throws {
        bastion = try TestSSHServer()
        target = try TestSSHServer()
    }

    deinit {
        bastion.stop()
        target.stop()
    }

    private var behind: HostTarget { HostTarget(name: "behind", address: "127.0.0.1", port: target.port) }

    private func settings(
        through jumps: [TestSSHServer], knownHosts: String, limit: Int = 10,
        timeout: Duration = .seconds(30)
    ) -> ConnectionSettings {
        var settings = ConnectionSettings(
            user: "root", identityFiles: [target.clientKey], knownHostsFiles: [knownHosts],
            connectTimeout: timeout)
        settings.jumpHosts = jumps.map { JumpHost(user: "root", address: "127.0.0.1", port: $0.port) }
        settings.channelsPerJumpSession = limit
        return settings
    }

    /// A known_hosts file with the keys of `servers`, and the stranger's key for `impostor`.
    private func knownHosts(_ servers: [TestSSHServer], impostor: TestSSHServer? = nil) throws -> String {
        let path = target.path("known_hosts_\(UUID().uuidString)")
        let lines = try servers.map { try String(contentsOfFile: $0.knownHosts, encoding: .utf8) }.joined()
        try (lines + (impostor?.impostorKnownHostsLine() ?? "")).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func failure(_ settings: ConnectionSettings, to host: HostTarget? = nil) async -> ConnectionFailure? {
        do {
            let connected = try await SSHTransport.connect(host ?? behind, settings: settings)
            await connected.close()
            return nil
        } catch {
            return error as? ConnectionFailure
        }
    }

    /// Whether `condition` holds within 10 seconds (sshd's children take a moment to go).
    private func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test("a command, 20 MB of output, 3 MB of input and a file reach the target through the bastion")
    func throughBastion() async throws {
        let host = try await SSHTransport.connect(
            behind, settings: settings(through: [bastion], knownHosts: try knownHosts([bastion, target])))
        #expect(try await host.run(RemoteCommand(["id", "-un"])).stdoutText == "root\n")
        #expect(bastion.connectionCount == 1 && target.connectionCount == 1)
        let big = try await host.run(RemoteCommand(["sh", "-c", "head -c 20000000 /dev/zero | tr '\\0' x"]))
        #expect(big.stdout.count == 20_000_000 && big.stdout.allSatisfy { $0 == UInt8(ascii: "x") })
        let input = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try await host.run(RemoteCommand(["cat"], stdin: input)).stdout == input)
        let path = target.path("through-bastion")
        try await host.writeFile(path, contents: Array("tunneled\n".utf8), attributes: FileAttributes(mode: 0o600))
        #expect(try await host.readFile(path) == Array("tunneled\n".utf8))
        await host.close()
        #expect(await eventually { self.bastion.connectionCount == 0 && self.target.connectionCount == 0 })
    }

    @Test(
        "each hop's key is checked on its own: an unknown or changed bastion key stops before the target; a changed target key is the target's"
    )
    func hostKeysPerHop() async throws {
        let unknown = try await failure(settings(through: [bastion], knownHosts: knownHosts([target])))
        #expect(unknown?.kind == .hostKey)
        #expect(unknown?.message.hasPrefix("behind: bastion 127.0.0.1:\(bastion.port): host key is not known") == true)
        #expect(unknown?.message.contains(bastion.hostKeyFingerprint) == true)
        let changed = try await failure(
            settings(through: [bastion], knownHosts: knownHosts([target], impostor: bastion)))
        #expect(changed?.kind == .hostKey)
        #expect(
            changed?.message.hasPrefix(
                "behind: bastion 127.0.0.1:\(bastion.port): REMOTE HOST IDENTIFICATION HAS CHANGED") == true)
        #expect(target.connectionCount == 0)
        let changedTarget = try await failure(
            settings(through: [bastion], knownHosts: knownHosts([bastion], impostor: target)))
        #expect(changedTarget?.kind == .hostKey)
        #expect(changedTarget?.message.hasPrefix("behind (127.0.0.1): REMOTE HOST IDENTIFICATION HAS CHANGED") == true)
        #expect(changedTarget?.message.contains(target.hostKeyFingerprint) == true)
        #expect(await eventually { self.bastion.connectionCount == 0 })
    }

    @Test(
        "a chain of two jumps: the second through the first, the target through the second; a changed key on the second names it"
    )
    func chain() async throws {
        let second = try TestSSHServer()
        defer { second.stop() }
        let known = try knownHosts([bastion, second, target])
        let host = try await SSHTransport.connect(
            behind, settings: settings(through: [bastion, second], knownHosts: known))
        #expect(try await host.run(RemoteCommand(["echo", "two hops"])).stdoutText == "two hops\n")
        #expect(bastion.connectionCount == 1 && second.connectionCount == 1 && target.connectionCount == 1)
        await host.close()
        #expect(await eventually { self.bastion.connectionCount == 0 && second.connectionCount == 0 })
        let refused = try await failure(
            settings(through: [bastion, second], knownHosts: knownHosts([bastion, target], impostor: second)))
        #expect(refused?.kind == .hostKey)
        #expect(
            refused?.message.hasPrefix(
                "behind: bastion 127.0.0.1:\(second.port) (through 127.0.0.1:\(bastion.port)): REMOTE HOST IDENTIFICATION HAS CHANGED"
            ) == true)
        #expect(target.connectionCount == 0)
    }

    @Test(
        "six hosts behind one bastion share its sessions, as many per session as the channel limit allows",
        arguments: [(10, 1), (2, 3)])
    func sharing(limit: Int, sessions: Int) async throws {
        let settings = try settings(through: [bastion], knownHosts: knownHosts([bastion, target]), limit: limit)
        let port = target.port
        let hosts = try await withThrowingTaskGroup(of: SSHRemoteHost.self) { group in
            for index in 0..<6 {
                group.addTask {
                    try await SSHTransport.connect(
                        HostTarget(name: "behind\(index)", address: "127.0.0.1", port: port), settings: settings)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bastion.connectionCount == sessions && target.connectionCount == 6)
        #expect(await JumpSessionPool.shared.sessionCount(on: JumpRoute(settings: settings)!) == sessions)
        // All at once, so that every channel of a session moves data at the same time.
        let outputs = try await withThrowingTaskGroup(of: Int.self) { group in
            for host in hosts {
                group.addTask {
                    try await host.run(RemoteCommand(["sh", "-c", "head -c 2000000 /dev/zero; echo \(host.name)"]))
                        .stdout.count
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.sorted() == hosts.map { 2_000_001 + $0.name.utf8.count }.sorted())
        for host in hosts { await host.close() }
        #expect(await eventually { self.bastion.connectionCount == 0 })
        #expect(await JumpSessionPool.shared.sessionCount(on: JumpRoute(settings: settings)!) == 0)
    }

    @Test(
        "an unreachable bastion, a target the bastion cannot reach, and a target that never speaks SSH fail as direct connections do"
    )
    func failuresOnTheWay() async throws {
        let known = try knownHosts([bastion, target])
        let closedPort = LocalCommand.freePort()
        var noBastion = settings(through: [bastion], knownHosts: known)
        noBastion.jumpHosts = [JumpHost(user: "root", address: "127.0.0.1", port: closedPort)]
        let down = await failure(noBastion)
        #expect(down?.kind == .unreachable)
        #expect(
            down?.message.hasPrefix(
                "behind: bastion 127.0.0.1:\(closedPort): cannot connect to port \(closedPort): Connection refused")
                == true)
        let settings = settings(through: [bastion], knownHosts: known, timeout: .seconds(2))
        let closed = await failure(settings, to: HostTarget(name: "closed", address: "127.0.0.1", port: closedPort))
        #expect(closed?.kind == .unreachable)
        #expect(
            closed?.message.hasPrefix(
                "closed: bastion 127.0.0.1:\(bastion.port): cannot open a channel to 127.0.0.1:\(closedPort)") == true)
        #expect(closed?.message.contains("connect failed") == true)
        let listener = SilentListener()
        defer { withExtendedLifetime(listener) {} }
        let silent = await failure(settings, to: HostTarget(name: "silent", address: "127.0.0.1", port: listener.port))
        #expect(silent?.kind == .timeout)
        #expect(silent?.message.contains("no SSH handshake") == true)
        #expect(await eventually { self.bastion.connectionCount == 0 })
    }

    @Test(
        "trunkline facts reaches an inventory host through the ProxyJump its ssh_config names, and names the bastion when it is down"
    )
    func commandLine() throws {
        let known = try knownHosts([bastion, target])
        func config(jump: Int) throws -> String {
            let path = target.path("ssh_config_\(jump)")
            try """
            Host behind-alias
              HostName 127.0.0.1
              Port \(target.port)
              User root
              IdentityFile \(target.clientKey)
              UserKnownHostsFile \(known)
              ProxyJump root@127.0.0.1:\(jump)

            """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let inventory = target.path("hosts")
        try "[hv]\nbehind-alias\n".write(toFile: inventory, atomically: true, encoding: .utf8)
        let arguments = ["facts", "-i", inventory, "--no-ovs", "--no-agent", "--timeout", "10", "--ssh-config"]
        let (status, text) = try TrunklineBinary.run(
            arguments + [config(jump: bastion.port)], in: target.directory.path)
        #expect(status == 0, "\(text)")
        #expect(text.contains("behind-alias"))
        let closedPort = LocalCommand.freePort()
        let (downStatus, downText) = try TrunklineBinary.run(
            arguments + [config(jump: closedPort)], in: target.directory.path)
        #expect(downStatus == 4, "\(downText)")
        #expect(
            downText.contains("bastion 127.0.0.1:\(closedPort): cannot connect to port \(closedPort)"), "\(downText)")
    }

    @Test(
        "a bastion that drops fails the target's next command as a lost connection; connecting again opens a new bastion session"
    )
    func bastionDrops() async throws {
        let settings = try settings(through: [bastion], knownHosts: knownHosts([bastion, target]))
        let host = try await SSHTransport.connect(behind, settings: settings)
        #expect(try await host.run(RemoteCommand(["true"])).succeeded)
        bastion.dropConnections()
        await #expect {
            _ = try await host.run(RemoteCommand(["true"], timeout: .seconds(20)))
        } throws: { error in
            (error as? ConnectionFailure)?.kind == .unreachable
        }
        await host.close()
        let again = try await SSHTransport.connect(behind, settings: settings)
        #expect(try await again.run(RemoteCommand(["echo", "back"])).stdoutText == "back\n")
        #expect(bastion.connectionCount == 1)
        await again.close()
    }
}
