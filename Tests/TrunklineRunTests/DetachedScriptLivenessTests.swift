import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineCore
@testable import TrunklineRun
@testable import TrunklineTransport

/// The detached apply script against a real sshd: its wait ends with the script, bounded by the
/// connection's liveness and not by a fixed exec timeout; it reconnects only when the connection
/// is dead. Keepalives 1 s apart keep these short; no test measures how long anything took.
@Suite("Detached apply script waits by liveness against a real sshd")
final class DetachedScriptLivenessTests {
    let server: TestSSHServer
    let runID = "liveness-test-\(UUID().uuidString)"
    let usage = RemoteUsage()

    init() throws {
        server = try TestSSHServer()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: ApplyScript.runDirectory(runID))
        server.stop()
    }

    private var directory: String { ApplyScript.runDirectory(runID) }

    /// A script that finishes its log once the test creates `release` in the run directory.
    private var script: String {
        """
        dir=\(ShellWord.quote(directory))
        echo 'start 1' >> "$dir/log"
        while [ ! -e "$dir/release" ]; do sleep 0.1; done
        echo 'ok 1' >> "$dir/log"
        echo finished >> "$dir/log"
        """
    }

    private func detached(interval: Int, count: Int) -> DetachedScript {
        var configured = ConnectionSettings(
            user: "root", identityFiles: [server.clientKey], knownHostsFiles: [server.knownHosts],
            connectTimeout: .seconds(60), keepaliveInterval: interval)
        configured.keepaliveCountMax = count
        let settings = configured
        let target = HostTarget(name: "lab-sshd", address: "127.0.0.1", port: server.port)
        let usage = usage
        return DetachedScript(
            runID: runID,
            connect: {
                let host = try await SSHTransport.connect(target, settings: settings)
                usage.connected()
                return CountedRemoteHost(host, usage: usage)
            }, timeout: .seconds(600), facts: RemoteCommand(["echo", "facts"]))
    }

    /// Waits until `path` exists.
    private func awaitFile(_ path: String) async throws {
        while !FileManager.default.fileExists(atPath: path) { try await Task.sleep(for: .milliseconds(50)) }
    }

    @Test("a script silent for several liveness bounds is waited for in its one exec, never reconnecting")
    func silentScriptNeedsNoReconnect() async throws {
        let detached = detached(interval: 1, count: 2)
        var remote: any RemoteHost = try await detached.connect()
        let release = directory + "/release"
        let directory = directory
        Task {
            try await self.awaitFile(directory + "/log")
            // Twice the bound of silence (3 × 2 s: libssh2 sends keepalives at most every 2 s).
            try await Task.sleep(for: .seconds(12))
            _ = FileManager.default.createFile(atPath: release, contents: nil)
        }
        let ending = try await detached.run(script, remote: &remote)
        #expect(ending.log.finished)
        #expect(ending.factsOutput?.stdoutText == "facts\n")
        #expect(ending.reconnects == 0)
        #expect(usage.snapshot.connections == 1)
        #expect(usage.snapshot.execs == 1)
        await remote.close()
    }

    @Test("a frozen server's connection is declared dead and reconnected once; the script goes on")
    func frozenServerIsReconnectedOnce() async throws {
        let detached = detached(interval: 1, count: 2)
        var remote: any RemoteHost = try await detached.connect()
        let directory = directory
        let usage = usage
        let server = server
        Task {
            try await self.awaitFile(directory + "/log")
            let frozen = server.freezeConnections()
            while usage.snapshot.connections < 2 { try await Task.sleep(for: .milliseconds(50)) }
            server.resume(frozen)
            _ = FileManager.default.createFile(atPath: directory + "/release", contents: nil)
        }
        let ending = try await detached.run(script, remote: &remote)
        #expect(ending.log.finished)
        #expect(ending.reconnects == 1)
        #expect(usage.snapshot.connections == 2)
        #expect(usage.snapshot.execs == 2)
        await remote.close()
    }
}
