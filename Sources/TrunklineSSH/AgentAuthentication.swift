import CLibSSH2

/// Authentication with the keys of an ssh-agent (`libssh2_agent_*`),
/// one identity after the other, driven step by step by the event loop.
final class AgentAuthentication {
    private let user: String
    private let socket: String
    private var agent: OpaquePointer?
    private var identity: UnsafeMutablePointer<libssh2_agent_publickey>?
    private var offered = 0
    private var connected = false

    init(user: String, socket: String) {
        self.user = user
        self.socket = socket
    }

    deinit {
        if let agent {
            if connected { libssh2_agent_disconnect(agent) }
            libssh2_agent_free(agent)
        }
    }

    /// nil when a key was accepted, otherwise why not.
    func attempt(_ handle: SessionHandle) throws -> SSHEventLoop.Attempt<String?> {
        if agent == nil, let reason = start(handle) { return .done(reason) }
        while let current = identity {
            let code = libssh2_agent_userauth(agent, user, current)
            if code == LIBSSH2_ERROR_EAGAIN { return handle.blocked() }
            if code == 0 { return .done(nil) }
            offered += 1
            identity = next(after: current)
        }
        return .done(offered == 0 ? "the agent has no keys" : "the server accepted none of the agent's \(offered) keys")
    }

    /// Connects to the agent and lists its keys; a reason if that is impossible.
    private func start(_ handle: SessionHandle) -> String? {
        guard let created = libssh2_agent_init(handle.raw) else { return "cannot initialise the agent client" }
        agent = created
        libssh2_agent_set_identity_path(created, socket)
        guard libssh2_agent_connect(created) == 0 else { return "cannot connect to the agent at \(socket)" }
        connected = true
        guard libssh2_agent_list_identities(created) == 0 else { return "cannot list the agent's keys" }
        identity = next(after: nil)
        return nil
    }

    private func next(
        after previous: UnsafeMutablePointer<libssh2_agent_publickey>?
    ) -> UnsafeMutablePointer<libssh2_agent_publickey>? {
        var found: UnsafeMutablePointer<libssh2_agent_publickey>?
        return libssh2_agent_get_identity(agent, &found, previous) == 0 ? found : nil
    }
}
