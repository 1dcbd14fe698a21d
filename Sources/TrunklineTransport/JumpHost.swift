import TrunklineCore

/// One jump host of an OpenSSH ProxyJump list: `[user@]host[:port]` or `ssh://[user@]host[:port]`
/// (IPv6 addresses in brackets). A missing user or port is settled by whoever builds the
/// settings: the inventory gives the ssh_config's or the command line's user, and port 22.
public struct JumpHost: Sendable, Hashable, CustomStringConvertible {
    /// The login user on the jump host, if named.
    public var user: String?
    /// The jump host's name or address.
    public var address: String
    /// The jump host's SSH port, if named (22 otherwise).
    public var port: Int?

    /// Creates a jump host.
    public init(user: String? = nil, address: String, port: Int? = nil) {
        self.user = user
        self.address = address
        self.port = port
    }

    /// The hops of a ProxyJump value such as `a,ops@b:2222`, first hop first; `none` is no hop.
    public static func list(_ text: String) throws(JumpSpecError) -> [JumpHost] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased() != "none" else { return [] }
        return try trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
            (part: Substring) throws(JumpSpecError) in
            try hop(part.trimmingCharacters(in: .whitespaces), in: text)
        }
    }

    /// The SSH port: the one named, else 22.
    public var sshPort: Int { port ?? 22 }

    /// `host:port` (`[v6]:port`) as errors name the jump host.
    public var endpoint: String { address.contains(":") ? "[\(address)]:\(sshPort)" : "\(address):\(sshPort)" }

    public var description: String { (user.map { $0 + "@" } ?? "") + endpoint }

    private static func hop(_ text: String, in whole: String) throws(JumpSpecError) -> JumpHost {
        var written = text
        if written.hasPrefix("ssh://") {
            written.removeFirst("ssh://".count)
            if written.hasSuffix("/") { written.removeLast() }
        }
        guard !written.isEmpty else { throw JumpSpecError(spec: whole, hop: text, reason: "the hop is empty") }
        guard !written.contains(where: \.isWhitespace) else {
            throw JumpSpecError(spec: whole, hop: text, reason: "a hop cannot contain white space")
        }
        do {
            let target = try HostTarget(parsing: written)
            return JumpHost(user: target.user, address: target.address, port: target.port)
        } catch {
            throw JumpSpecError(spec: whole, hop: text, reason: (error as? HostTargetError)?.reason ?? "\(error)")
        }
    }
}
