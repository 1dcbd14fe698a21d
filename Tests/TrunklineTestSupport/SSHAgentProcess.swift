import Foundation

/// A real `ssh-agent` on a socket in a temporary directory, holding the keys given to it.
public final class SSHAgentProcess {
    public let socket: String
    private let pid: pid_t

    public init(keys: [String]) throws {
        socket =
            FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-agent-\(UUID().uuidString).sock")
            .path
        pid = try LocalCommand.spawn(["ssh-agent", "-D", "-a", socket])
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }
        for key in keys { try LocalCommand.run(["ssh-add", key], environment: ["SSH_AUTH_SOCK": socket]) }
    }

    deinit {
        LocalCommand.stop(pid)
        try? FileManager.default.removeItem(atPath: socket)
    }
}
