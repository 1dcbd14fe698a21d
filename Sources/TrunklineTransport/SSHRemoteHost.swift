import Foundation
import TrunklineCore
import TrunklineSSH

/// A host reached over one SSH session, reused for every command and file.
public final class SSHRemoteHost: RemoteHost, @unchecked Sendable {
    /// The host's name as the inventory or command line calls it.
    public let name: String
    /// Which credential was accepted (`ssh-agent`, `key PATH`, `password`).
    public let authenticatedWith: String
    private let session: SSHSession
    private let escalation: PrivilegeEscalation?
    private let fileTimeout: Duration
    /// For a host behind jump hosts: its tunnel's lease, and how long closing waits for it.
    private let tunnel: (lease: TunnelLease, timeout: Duration)?
    /// Where this connection's events go (`-vvv`), if anywhere.
    private let trace: ConnectionTrace?

    init(
        name: String, session: SSHSession, authenticatedWith: String, escalation: PrivilegeEscalation?,
        fileTimeout: Duration,
        tunnel: (lease: TunnelLease, timeout: Duration)? = nil, trace: ConnectionTrace? = nil
    ) {
        self.trace = trace
        self.name = name
        self.session = session
        self.authenticatedWith = authenticatedWith
        self.escalation = escalation
        self.fileTimeout = fileTimeout
        self.tunnel = tunnel
    }

    public func run(_ command: RemoteCommand) async throws -> CommandOutput {
        let effective = escalation?.wrap(command) ?? command
        do {
            let result = try await session.execute(
                ShellWord.command(effective.argv), stdin: effective.stdin, timeout: effective.timeout,
                outputLimit: effective.outputLimit)
            trace?.record(
                name,
                .exec(
                    argv: command.argv, become: escalation != nil, stdinBytes: command.stdin.count,
                    exitStatus: result.exitSignal == nil ? result.exitStatus : nil, stdoutBytes: result.stdout.count,
                    stderrBytes: result.stderr.count))
            return CommandOutput(
                stdout: result.stdout, stderr: result.stderr, exitStatus: result.exitStatus,
                exitSignal: result.exitSignal)
        } catch let error as SSHError {
            trace?.record(name, .execFailed(argv: command.argv, reason: error.message))
            throw SSHTransport.failure(name: name, error)
        }
    }

    /// Reads `path` with `cat` (through sudo with become).
    public func readFile(_ path: String) async throws -> [UInt8] {
        let output = try await run(RemoteCommand(["cat", "--", path], timeout: fileTimeout))
        guard output.succeeded else { throw fileFailure("cannot read \(path): \(output.stderrText)") }
        return output.stdout
    }

    /// Writes `path` atomically: the bytes go through one exec's stdin into a temporary file
    /// beside it (through sudo with become), which gets its mode and owner, then is renamed over it.
    public func writeFile(_ path: String, contents: [UInt8], attributes: FileAttributes) async throws {
        try await install(path, temporary: Self.temporaryName(beside: path), contents: contents, attributes: attributes)
    }

    /// Disconnects; behind jump hosts, also waits (a while at most) for the tunnel to be taken
    /// back and a bastion session left without tunnels to close.
    public func close() async {
        await session.disconnect()
        trace?.record(name, .closed)
        if let tunnel { await tunnel.lease.wait(atMost: tunnel.timeout) }
    }

    /// Writes stdin into the temporary file, sets its mode and ownership, and moves it over
    /// `path`; a failure removes the temporary file. Values reach the shell only as arguments.
    private func install(_ path: String, temporary: String, contents: [UInt8], attributes: FileAttributes) async throws
    {
        let script = """
            set -e
            trap 'rm -f -- "$2"' EXIT
            (umask 077 && cat > "$2")
            chmod "$4" "$2"
            if [ -n "$5" ]; then chown -- "$5" "$2"; fi
            mv -f -- "$2" "$3"
            trap - EXIT
            """
        let ownership = [attributes.owner ?? "", attributes.group.map { ":" + $0 } ?? ""].joined()
        let mode = String(attributes.mode, radix: 8)
        let argv = ["sh", "-c", script, "sh", "stdin", temporary, path, mode, ownership]
        let output = try await run(RemoteCommand(argv, stdin: contents, timeout: fileTimeout))
        guard output.succeeded else { throw fileFailure("cannot write \(path): \(output.stderrText)") }
    }

    private func fileFailure(_ message: String) -> ConnectionFailure {
        ConnectionFailure(
            kind: .operation, host: name, message: "\(name): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        )
    }

    /// `.NAME.trunkline-RANDOM` in the directory of `path`, so the final rename stays on one filesystem.
    static func temporaryName(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).trunkline-\(suffix)")
            .path
    }
}
