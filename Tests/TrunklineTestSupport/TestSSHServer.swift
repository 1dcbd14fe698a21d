import Foundation

/// A real OpenSSH `sshd` on 127.0.0.1 with its own configuration, host keys, client keys
/// and authorized keys in a temporary directory. Root may log in with the client keys or
/// with `password` (the server runs in its own mount namespace, where a copy of
/// /etc/shadow with that password and an empty home over /root are bind-mounted, so the
/// machine's accounts and root's dotfiles play no part).
public final class TestSSHServer {
    public static let password = "correct horse battery staple"
    public static let passphrase = "open sesame"

    public let directory: URL
    public let port: Int
    private var pid: pid_t = 0

    public var knownHosts: String { path("known_hosts") }
    public var hashedKnownHosts: String { path("known_hosts_hashed") }
    public var clientKey: String { path("client_ed25519") }
    public var encryptedClientKey: String { path("client_encrypted") }
    public var strangerKey: String { path("stranger_ed25519") }

    /// Client keys, made once per test process (RSA key generation is slow on two cores).
    private static let clientKeys: Result<URL, Error> = Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-client-keys-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, type) in [
            ("client_ed25519", "ed25519"), ("client_ecdsa", "ecdsa"), ("client_rsa", "rsa"),
            ("stranger_ed25519", "ed25519"),
        ] {
            try LocalCommand.run([
                "ssh-keygen", "-q", "-t", type, "-N", "", "-f", directory.appendingPathComponent(name).path,
            ])
        }
        try LocalCommand.run([
            "ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f",
            directory.appendingPathComponent("client_encrypted").path,
        ])
        return directory
    }
    public var hostKeyFingerprint: String

    public init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-sshd-\(UUID().uuidString)")
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = LocalCommand.freePort()
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        try LocalCommand.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path("host_ed25519")])
        let keys = try Self.clientKeys.get()
        for name in ["client_ed25519", "client_ecdsa", "client_rsa", "stranger_ed25519", "client_encrypted"] {
            for suffix in ["", ".pub"] {
                try FileManager.default.copyItem(
                    at: keys.appendingPathComponent(name + suffix), to: directory.appendingPathComponent(name + suffix))
            }
        }
        let authorized = try ["client_ed25519", "client_ecdsa", "client_rsa", "client_encrypted"]
            .map { try String(contentsOfFile: path("\($0).pub"), encoding: .utf8) }.joined()
        try authorized.write(toFile: path("authorized_keys"), atomically: true, encoding: .utf8)
        let hostKey = try String(contentsOfFile: path("host_ed25519.pub"), encoding: .utf8).split(separator: " ")
            .prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: path("known_hosts"), atomically: true, encoding: .utf8)
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(
            toFile: path("known_hosts_hashed"), atomically: true, encoding: .utf8)
        try LocalCommand.run(["ssh-keygen", "-q", "-H", "-f", path("known_hosts_hashed")])
        hostKeyFingerprint = try LocalCommand.run(["ssh-keygen", "-l", "-E", "sha256", "-f", path("host_ed25519.pub")])
            .split(separator: " ")[1].description
        try Self.writeShadow(to: path("shadow"))
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(path("host_ed25519"))
        AuthorizedKeysFile \(path("authorized_keys"))
        PidFile none
        StrictModes no
        UsePAM no
        PermitRootLogin yes
        PasswordAuthentication yes
        KbdInteractiveAuthentication no
        MaxAuthTries 30
        MaxStartups 1000
        MaxSessions 100
        AcceptEnv none
        Subsystem sftp /usr/lib/openssh/sftp-server
        # libssh2 1.10 signs RSA user authentication with ssh-rsa (SHA-1) only.
        PubkeyAcceptedAlgorithms +ssh-rsa

        """.write(toFile: path("sshd_config"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path("home"), withIntermediateDirectories: true)
        pid = try LocalCommand.spawn([
            "unshare", "--mount", "--propagation", "private", "sh", "-c",
            #"mount --bind "$1" /etc/shadow && mount --bind "$3" /root && exec /usr/sbin/sshd -D -e -f "$2""#,
            "sh", path("shadow"), path("sshd_config"), path("home"),
        ])
        try waitUntilListening()
    }

    deinit {
        stop()
    }

    /// Stops the server (the process this fixture started, by its pid).
    public func stop() {
        guard pid > 0 else { return }
        LocalCommand.stop(pid)
        pid = 0
        try? FileManager.default.removeItem(at: directory)
    }

    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The connections the server serves now: sshd forks one child process per connection.
    public var connectionCount: Int { Self.children(of: pid).count }

    /// Kills the processes serving the open connections, as a crash or a cut cable ends them.
    public func dropConnections() {
        for child in Self.children(of: pid) {
            Self.children(of: child).forEach { kill($0, SIGKILL) }
            kill(child, SIGKILL)
        }
    }

    /// Stops (SIGSTOP) the sshd processes serving the open connections, not the commands they
    /// run: the server side of each connection goes silent, as on a host starved of CPU or a
    /// link that drops every packet. Returns the processes stopped, for `resume`.
    public func freezeConnections() -> [pid_t] {
        let serving = Self.children(of: pid).flatMap { [$0] + Self.children(of: $0).filter(Self.isSSHD) }
        serving.forEach { kill($0, SIGSTOP) }
        return serving
    }

    /// Continues (SIGCONT) processes `freezeConnections` stopped.
    public func resume(_ processes: [pid_t]) {
        processes.forEach { kill($0, SIGCONT) }
    }

    /// True for an sshd process (`sshd`, `sshd-session`, `sshd-auth`), by its command name.
    private static func isSSHD(_ process: pid_t) -> Bool {
        let name = (try? String(contentsOfFile: "/proc/\(process)/comm", encoding: .utf8)) ?? ""
        return name.hasPrefix("sshd")
    }

    /// The processes whose parent is `parent`, from /proc/PID/stat.
    private static func children(of parent: pid_t) -> [pid_t] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { pid_t($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let end = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: end)...].split(separator: " ")
            return fields.count > 2 && fields[0] != "Z" && pid_t(fields[1]) == parent
        }
    }

    /// A known_hosts line for this server with the stranger's key: what an impostor would present.
    public func impostorKnownHostsLine() throws -> String {
        let impostor = try String(contentsOfFile: strangerKey + ".pub", encoding: .utf8).split(separator: " ").prefix(2)
            .joined(separator: " ")
        return "[127.0.0.1]:\(port) \(impostor)\n"
    }

    /// A copy of /etc/shadow in which root's password is `password`.
    private static func writeShadow(to path: String) throws {
        let hash = try LocalCommand.run(["openssl", "passwd", "-6", password]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let lines = try String(contentsOfFile: "/etc/shadow", encoding: .utf8).split(separator: "\n").map {
            line -> String in
            var fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "root", fields.count > 1 { fields[1] = hash }
            return fields.joined(separator: ":")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            close(descriptor)
            if connected == 0 { return }
            usleep(50_000)
        }
        stop()
        throw LocalCommand.Failure(argv: ["sshd"], status: -1, output: "sshd did not start listening on port \(port)")
    }
}
