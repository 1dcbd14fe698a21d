import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineCore
@testable import TrunklineSSH
@testable import TrunklineTransport

/// The SSH transport against a real OpenSSH sshd on loopback, one server per test.
@Suite("SSH transport against a real sshd")
final class SSHTransportIntegrationTests {
    let server: TestSSHServer

    init() throws {
        server = try TestSSHServer()
    }

    deinit {
        server.stop()
    }

    private var target: HostTarget { HostTarget(name: "lab-sshd", address: "127.0.0.1", port: server.port) }

    private func settings(
        keys: [String]? = nil, knownHosts: [String]? = nil, policy: HostKeyPolicy = .strict,
        password: String? = nil, agent: String? = nil, passphrase: String? = nil, timeout: Duration = .seconds(30)
    ) -> ConnectionSettings {
        ConnectionSettings(
            user: "root", identityFiles: keys ?? [server.clientKey], keyPassphrase: passphrase,
            agentSocket: agent, password: password, knownHostsFiles: knownHosts ?? [server.knownHosts],
            hostKeyPolicy: policy, connectTimeout: timeout)
    }

    private func connect(_ settings: ConnectionSettings) async throws -> SSHRemoteHost {
        try await SSHTransport.connect(target, settings: settings)
    }

    private func failure(_ settings: ConnectionSettings) async -> ConnectionFailure? {
        do {
            let host = try await connect(settings)
            await host.close()
            return nil
        } catch {
            return error as? ConnectionFailure
        }
    }

    @Test("each key type logs in", arguments: ["client_ed25519", "client_ecdsa", "client_rsa"])
    func keyAuthentication(key: String) async throws {
        let host = try await connect(settings(keys: [server.path(key)]))
        let output = try await host.run(RemoteCommand(["id", "-un"]))
        #expect(output.stdoutText == "root\n")
        #expect(host.authenticatedWith == "key \(server.path(key))")
        await host.close()
    }

    @Test("an encrypted key logs in with its passphrase and fails without it")
    func encryptedKey() async throws {
        #expect(PrivateKeyFile.isEncrypted(at: server.encryptedClientKey))
        #expect(!PrivateKeyFile.isEncrypted(at: server.clientKey))
        let host = try await connect(settings(keys: [server.encryptedClientKey], passphrase: TestSSHServer.passphrase))
        #expect(try await host.run(RemoteCommand(["true"])).succeeded)
        await host.close()
        let refused = await failure(settings(keys: [server.encryptedClientKey]))
        #expect(refused?.kind == .authentication)
        #expect(refused?.message.contains("cannot read or decrypt the key") == true)
    }

    @Test("a real ssh-agent's key logs in")
    func agentAuthentication() async throws {
        let agent = try SSHAgentProcess(keys: [server.clientKey])
        let host = try await connect(settings(keys: [], agent: agent.socket))
        #expect(host.authenticatedWith == "ssh-agent \(agent.socket)")
        #expect(try await host.run(RemoteCommand(["true"])).succeeded)
        await host.close()
    }

    @Test("a password logs in, a wrong one is reported without being shown")
    func passwordAuthentication() async throws {
        let host = try await connect(settings(keys: [], password: TestSSHServer.password))
        #expect(host.authenticatedWith == "password")
        await host.close()
        let refused = await failure(settings(keys: [], password: "wrong-secret-value"))
        #expect(refused?.kind == .authentication)
        #expect(refused?.message.contains("password: rejected") == true)
        #expect(refused?.message.contains("wrong-secret-value") == false)
    }

    /// The events a trace received, in order.
    final class TraceLog: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [(String, ConnectionEvent)] = []
        func record(_ host: String, _ event: ConnectionEvent) { lock.withLock { events.append((host, event)) } }
        var recorded: [(String, ConnectionEvent)] { lock.withLock { events } }
    }

    @Test(
        "a trace sees the connection, the handshake with the checked key, the login method, each exec's argv, status and sizes, and the close; never the password or stdin"
    )
    func trace() async throws {
        let log = TraceLog()
        var traced = settings(keys: [], password: TestSSHServer.password)
        traced.trace = ConnectionTrace { log.record($0, $1) }
        let host = try await connect(traced)
        _ = try await host.run(RemoteCommand(["sh", "-c", "cat; echo err >&2; exit 3"], stdin: Array("in".utf8)))
        await host.close()
        let events = log.recorded
        #expect(events.allSatisfy { $0.0 == "lab-sshd" })
        #expect(events.first?.1 == .connected(address: "127.0.0.1", port: server.port, jumpHosts: []))
        guard events.count == 5, case .handshake(let type, let fingerprint, .strict) = events[1].1 else {
            Issue.record("unexpected events: \(events)")
            return
        }
        #expect(!type.isEmpty && fingerprint.hasPrefix("SHA256:"))
        #expect(events[2].1 == .authenticated(user: "root", method: "password"))
        #expect(
            events[3].1
                == .exec(
                    argv: ["sh", "-c", "cat; echo err >&2; exit 3"], become: false, stdinBytes: 2, exitStatus: 3,
                    stdoutBytes: 2, stderrBytes: 4))
        #expect(events[4].1 == .closed)
        #expect(!"\(events)".contains(TestSSHServer.password))
    }

    @Test("a key the server does not know fails with every method named")
    func wrongKey() async throws {
        let refused = await failure(settings(keys: [server.strangerKey, "/nonexistent/key"]))
        #expect(refused?.kind == .authentication)
        #expect(refused?.message.contains("key \(server.strangerKey): rejected by the server") == true)
        #expect(refused?.message.contains("key /nonexistent/key: cannot read or decrypt the key") == true)
        #expect(refused?.message.contains("the server allows publickey,password") == true)
    }

    @Test("strict refuses an unknown host key and shows its fingerprint")
    func unknownHostKeyStrict() async throws {
        let empty = server.path("empty_known_hosts")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let refused = await failure(settings(knownHosts: [empty]))
        #expect(refused?.kind == .hostKey)
        #expect(refused?.message.contains("ED25519 key fingerprint is \(server.hostKeyFingerprint)") == true)
        #expect(try String(contentsOfFile: empty, encoding: .utf8).isEmpty)
    }

    @Test("accept-new records an unknown key; strict then accepts it")
    func acceptNew() async throws {
        let recorded = server.path("recorded_known_hosts")
        let host = try await connect(settings(knownHosts: [recorded], policy: .acceptNew))
        await host.close()
        let line = try String(contentsOfFile: recorded, encoding: .utf8)
        #expect(line.hasPrefix("[127.0.0.1]:\(server.port) ssh-ed25519 "))
        let fingerprint = try LocalCommand.run(["ssh-keygen", "-l", "-E", "sha256", "-f", recorded])
        #expect(fingerprint.contains(server.hostKeyFingerprint))
        let again = try await connect(settings(knownHosts: [recorded]))
        await again.close()
    }

    @Test(
        "a changed host key is refused under strict and accept-new",
        arguments: [TrunklineSSH.HostKeyPolicy.strict, .acceptNew])
    func changedHostKey(policy: TrunklineSSH.HostKeyPolicy) async throws {
        let wrong = server.path("wrong_known_hosts")
        try server.impostorKnownHostsLine().write(toFile: wrong, atomically: true, encoding: .utf8)
        let refused = await failure(settings(knownHosts: [wrong], policy: policy))
        #expect(refused?.kind == .hostKey)
        #expect(refused?.message.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") == true)
        #expect(refused?.message.contains(server.hostKeyFingerprint) == true)
    }

    @Test("a HostKeyAlias looks the key up under the alias alone, as OpenSSH does, and accept-new records it so")
    func hostKeyAlias() async throws {
        let aliased = server.path("aliased_known_hosts")
        let key = try String(contentsOfFile: server.path("host_ed25519.pub"), encoding: .utf8).split(separator: " ")
            .prefix(2).joined(separator: " ")
        try "hv-alias.keys \(key)\n".write(toFile: aliased, atomically: true, encoding: .utf8)
        let openssh = try LocalCommand.run([
            "sh", "-c",
            #"ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$1" -o HostKeyAlias="$2" -i "$3" -p "$4" root@127.0.0.1 echo agreed 2>&1 || true"#,
            "sh", aliased, "hv-alias.keys", server.clientKey, String(server.port),
        ])
        #expect(openssh == "agreed\n", "OpenSSH accepts the aliased entry")
        var withAlias = settings(knownHosts: [aliased])
        withAlias.hostKeyAlias = "hv-alias.keys"
        let host = try await connect(withAlias)
        await host.close()
        #expect(
            await failure(settings(knownHosts: [aliased]))?.kind == .hostKey, "without the alias the key is unknown")
        let recorded = server.path("alias_recorded_known_hosts")
        var recording = settings(knownHosts: [recorded], policy: .acceptNew)
        recording.hostKeyAlias = "hv-alias.keys"
        await (try await connect(recording)).close()
        #expect(try String(contentsOfFile: recorded, encoding: .utf8).hasPrefix("hv-alias.keys ssh-ed25519 "))
    }

    @Test("hashed known_hosts entries match")
    func hashedKnownHosts() async throws {
        #expect(try String(contentsOfFile: server.hashedKnownHosts, encoding: .utf8).hasPrefix("|1|"))
        let host = try await connect(settings(knownHosts: [server.hashedKnownHosts]))
        await host.close()
    }

    @Test("a closed port is unreachable")
    func connectionRefused() async throws {
        let closed = HostTarget(name: "closed", address: "127.0.0.1", port: LocalCommand.freePort())
        do {
            _ = try await SSHTransport.connect(closed, settings: settings())
            Issue.record("connected to a closed port")
        } catch let failure as ConnectionFailure {
            #expect(failure.kind == .unreachable)
            #expect(failure.message.contains("Connection refused"))
        }
    }

    @Test("a port that accepts TCP but never speaks SSH hits the deadline")
    func silentPort() async throws {
        let listener = SilentListener()
        defer { withExtendedLifetime(listener) {} }
        let silent = HostTarget(name: "silent", address: "127.0.0.1", port: listener.port)
        do {
            _ = try await SSHTransport.connect(silent, settings: settings(timeout: .seconds(1)))
            Issue.record("connected to a silent port")
        } catch let failure as ConnectionFailure {
            #expect(failure.kind == .timeout)
            #expect(failure.message.contains("no SSH handshake"))
        }
    }

    @Test("exit statuses and signals are reported")
    func exitStatusesAndSignals() async throws {
        let host = try await connect(settings())
        let failed = try await host.run(RemoteCommand(["sh", "-c", "exit 7"]))
        #expect(failed.exitStatus == 7 && failed.exitSignal == nil)
        let killed = try await host.run(RemoteCommand(["sh", "-c", "kill -TERM $$"]))
        #expect(killed.exitSignal == "TERM" && killed.exitStatus == nil)
        await host.close()
    }

    @Test("20 MB of stdout, stderr and stdin all arrive whole")
    func largeStreams() async throws {
        let host = try await connect(settings())
        let big = try await host.run(
            RemoteCommand(["sh", "-c", "head -c 20000000 /dev/zero | tr '\\0' x; echo oops >&2"]))
        #expect(big.stdout.count == 20_000_000)
        #expect(big.stdout.allSatisfy { $0 == UInt8(ascii: "x") })
        #expect(big.stderrText == "oops\n")
        let input = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let echoed = try await host.run(RemoteCommand(["cat"], stdin: input))
        #expect(echoed.stdout == input)
        let both = try await host.run(
            RemoteCommand(["sh", "-c", "head -c 5000000 /dev/zero >&2; head -c 5000000 /dev/zero"]))
        #expect(both.stdout.count == 5_000_000 && both.stderr.count == 5_000_000)
        await host.close()
    }

    @Test("output that is not UTF-8 arrives as bytes")
    func nonUTF8Output() async throws {
        let host = try await connect(settings())
        let output = try await host.run(RemoteCommand(["printf", "\\377\\376ok\\300"]))
        #expect(output.stdout == [0xFF, 0xFE, UInt8(ascii: "o"), UInt8(ascii: "k"), 0xC0])
        #expect(output.stdoutText.contains("ok"))
        await host.close()
    }

    @Test("files are written atomically with mode and owner, and read back")
    func atomicWrite() async throws {
        let host = try await connect(settings())
        let directory = server.path("files")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/agent.properties"
        try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
        let contents = Array("network.bridge.type=openvswitch\n\u{00e9}\n".utf8)
        try await host.writeFile(
            path, contents: contents, attributes: FileAttributes(mode: 0o640, owner: "nobody", group: "nogroup"))
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == contents)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect((attributes[.ownerAccountName] as? String) == "nobody")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["agent.properties"])
        #expect(try await host.readFile(path) == contents)
        await host.close()
    }

    @Test("a failed write leaves the target as it was and no temporary file")
    func failedWrite() async throws {
        let host = try await connect(settings())
        let directory = server.path("kept")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/grub"
        try "GRUB_CMDLINE_LINUX=\"\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        await #expect(throws: ConnectionFailure.self) {
            try await host.writeFile(
                path, contents: Array("new".utf8), attributes: FileAttributes(owner: "no-such-user-here"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "GRUB_CMDLINE_LINUX=\"\"\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["grub"])
        await host.close()
    }

    @Test("50 parallel sessions each run a command")
    func fiftyParallelSessions() async throws {
        let settings = settings()
        let target = target
        let names = await BoundedParallelism.map(Array(0..<50), limit: 50) { index -> String? in
            guard let host = try? await SSHTransport.connect(target, settings: settings) else { return nil }
            let text = try? await host.run(RemoteCommand(["echo", "session \(index)"])).stdoutText
            await host.close()
            return text
        }
        #expect(names == (0..<50).map { "session \($0)\n" })
    }

    /// 100 commands that each wait until all 100 have started: this can only finish if the
    /// transport really runs them at the same time (a serialised transport would time out).
    @Test("100 sessions run at the same time, not a few at a time")
    func hundredConcurrentSessions() async throws {
        let barrier = server.path("barrier")
        try FileManager.default.createDirectory(atPath: barrier, withIntermediateDirectories: true)
        let script =
            #"touch "$1/$2"; dir=$1; i=0; while set -- "$dir"/*; [ $# -lt 100 ]; do sleep 0.1; i=$((i+1)); [ $i -gt 600 ] && exit 7; done; echo met"#
        let settings = settings(timeout: .seconds(60))
        let target = target
        let results = await BoundedParallelism.map(Array(0..<100), limit: 100) { index -> String in
            do {
                let host = try await SSHTransport.connect(target, settings: settings)
                let text = try await host.run(
                    RemoteCommand(["sh", "-c", script, "sh", barrier, "\(index)"], timeout: .seconds(90))
                ).stdoutText
                await host.close()
                return text
            } catch {
                return "\(error)"
            }
        }
        #expect(results.allSatisfy { $0 == "met\n" }, "\(Set(results))")
    }
}
