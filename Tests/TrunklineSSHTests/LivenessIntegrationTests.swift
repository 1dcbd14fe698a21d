import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineCore
@testable import TrunklineSSH
@testable import TrunklineTransport

/// A running command's connection is taken as dead only when the server stays silent (no output,
/// no keepalive answer) for `(ServerAliveCountMax + 1) × ServerAliveInterval`, never for being slow.
/// Small intervals keep these short; no test measures how long anything took.
@Suite("Liveness of running commands against a real sshd")
final class LivenessIntegrationTests {
    let server: TestSSHServer

    init() throws {
        server = try TestSSHServer()
    }

    deinit {
        server.stop()
    }

    private func connect(interval: Int, count: Int) async throws -> SSHRemoteHost {
        var settings = ConnectionSettings(
            user: "root", identityFiles: [server.clientKey], knownHostsFiles: [server.knownHosts],
            connectTimeout: .seconds(60), keepaliveInterval: interval)
        settings.keepaliveCountMax = count
        return try await SSHTransport.connect(
            HostTarget(name: "lab-sshd", address: "127.0.0.1", port: server.port), settings: settings)
    }

    /// Waits until `path` exists, as a command's own sign that it has started.
    private func awaitFile(_ path: String) async throws {
        while !FileManager.default.fileExists(atPath: path) { try await Task.sleep(for: .milliseconds(50)) }
    }

    /// A command that creates `started` in the server's directory, waits silently until `release`
    /// is created, and then prints `done`.
    private var gatedCommand: RemoteCommand {
        RemoteCommand(
            [
                "sh", "-c", #": > "$1"; while [ ! -e "$2" ]; do sleep 0.1; done; echo done"#, "sh",
                server.path("started"), server.path("release"),
            ], timeout: .seconds(600))
    }

    /// Lets a `gatedCommand` end.
    private func release() {
        _ = FileManager.default.createFile(atPath: server.path("release"), contents: nil)
    }

    @Test("a command silent for several liveness bounds completes on its one connection")
    func silentCommandCompletes() async throws {
        let host = try await connect(interval: 1, count: 2)
        // Silent twice as long as the bound (3 × 2 s: libssh2 sends keepalives at most every
        // 2 s): only the answered keepalives keep it alive.
        let output = try await host.run(RemoteCommand(["sh", "-c", "sleep 12; echo done"], timeout: .seconds(600)))
        #expect(output.stdoutText == "done\n")
        #expect(server.connectionCount == 1)
        await host.close()
    }

    @Test("a connection whose server is frozen is declared dead, and the error is a lost connection")
    func frozenServerIsDead() async throws {
        let host = try await connect(interval: 1, count: 2)
        let command = gatedCommand
        async let outcome: Result<CommandOutput, Error> = { () async -> Result<CommandOutput, Error> in
            do { return .success(try await host.run(command)) } catch { return .failure(error) }
        }()
        try await awaitFile(server.path("started"))
        let frozen = server.freezeConnections()
        #expect(!frozen.isEmpty)
        let result = await outcome
        server.resume(frozen)
        release()
        guard case .failure(let error) = result else {
            Issue.record("the command finished on a frozen connection")
            return
        }
        let failure = try #require(error as? ConnectionFailure)
        #expect(failure.kind == .unreachable)
        #expect(failure.message.contains("ServerAliveCountMax 2"), "\(failure.message)")
        await host.close()
    }

    @Test("a server stopped for less than the liveness bound, then continued, keeps its connection")
    func starvedServerKeepsItsConnection() async throws {
        let host = try await connect(interval: 1, count: 10)
        async let output = host.run(gatedCommand)
        try await awaitFile(server.path("started"))
        let frozen = server.freezeConnections()
        #expect(!frozen.isEmpty)
        // One or two keepalives unanswered, well short of the ten the bound allows.
        try await Task.sleep(for: .seconds(2))
        server.resume(frozen)
        release()
        #expect(try await output.stdoutText == "done\n")
        #expect(server.connectionCount == 1)
        await host.close()
    }
}
