import TrunklineCore
import TrunklineEngine
import TrunklineTransport

extension ConnectionEvent {
    /// The longest argv word shown whole; a longer one (a script) shows its first line and size.
    static let shownWordLength = 60

    /// The event as `-vvv` prints it: `<hv01> SSH: …`. Secret values are masked (`SecretText`)
    /// and a long word (a script) is cut to its beginning and its size.
    func line(host: String) -> String {
        "<\(host)> SSH: " + text
    }

    private var text: String {
        switch self {
        case .connected(let address, let port, let jumpHosts):
            return "connected to \(address):\(port)"
                + (jumpHosts.isEmpty ? "" : " via \(jumpHosts.joined(separator: ", "))")
        case .handshake(let keyType, let fingerprint, let policy):
            return "handshake done, host key \(keyType) \(fingerprint) accepted (\(policy.rawValue))"
        case .authenticated(let user, let method):
            return "authenticated as \(user) with \(method)"
        case .exec(let argv, let become, let stdinBytes, let exitStatus, let stdoutBytes, let stderrBytes):
            let status = exitStatus.map { "exit \($0)" } ?? "ended by a signal"
            return "exec\(become ? " (sudo)" : "") \(Self.shown(argv)): \(status), stdin \(stdinBytes) B, "
                + "stdout \(stdoutBytes) B, stderr \(stderrBytes) B"
        case .execFailed(let argv, let reason):
            return "exec \(Self.shown(argv)) failed: \(reason)"
        case .closed:
            return "closed"
        }
    }

    /// `argv` as a shell command line, secrets masked and long words cut.
    static func shown(_ argv: [String]) -> String {
        argv.map { word in
            let masked = SecretText.redactInline(word)
            guard masked.count > shownWordLength || masked.contains("\n") else { return ShellWord.quote(masked) }
            let start = masked.prefix { $0 != "\n" }.prefix(shownWordLength / 2)
            return ShellWord.quote(start + "…") + "(\(masked.utf8.count) B)"
        }.joined(separator: " ")
    }
}
