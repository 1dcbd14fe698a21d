import TrunklineSSH

/// The jump hosts to a host, first hop first, with the login every hop uses (the host's key
/// files, agent, password, known_hosts and host key policy): hosts on the same route share
/// bastion sessions. Its description names the hops only, never a secret.
struct JumpRoute: Hashable, Sendable, CustomStringConvertible {
    /// The hops as the settings name them.
    let hops: [JumpHost]
    /// The user of hops that name none (the host's own); empty when every hop names one, so
    /// that hosts logging in as other users still share the route.
    let defaultUser: String
    /// The settings every hop logs in with; what only the host itself uses is cleared.
    let login: ConnectionSettings

    /// The route of `settings`, or nil for a direct connection.
    init?(settings: ConnectionSettings) {
        guard !settings.jumpHosts.isEmpty else { return nil }
        var login = settings
        login.user = ""
        login.port = 22
        login.become = false
        login.becomePassword = nil
        login.jumpHosts = []
        login.sshConfigFile = nil
        login.hostKeyAlias = nil
        // A bastion session sends no keepalives of its own: the tunneled sessions' pass through it.
        login.keepaliveInterval = 0
        self.init(
            hops: settings.jumpHosts, defaultUser: settings.jumpHosts.contains { $0.user == nil } ? settings.user : "",
            login: login)
    }

    private init(hops: [JumpHost], defaultUser: String, login: ConnectionSettings) {
        self.hops = hops
        self.defaultUser = defaultUser
        self.login = login
    }

    /// The route to the last hop's own session, nil when the last hop is the first.
    var parent: JumpRoute? {
        hops.count > 1 ? JumpRoute(hops: Array(hops.dropLast()), defaultUser: defaultUser, login: login) : nil
    }

    /// The hop this route's sessions are to.
    var last: JumpHost { hops[hops.count - 1] }

    /// The user `hop` logs in as.
    func user(of hop: JumpHost) -> String { hop.user ?? defaultUser }

    /// The last hop, and the ones before it: `b2:22 (through b1:22)`.
    var description: String {
        let before = hops.dropLast().map(\.endpoint)
        return last.endpoint + (before.isEmpty ? "" : " (through \(before.joined(separator: ", ")))")
    }
}
