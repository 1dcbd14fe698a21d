import TrunklineCore
import TrunklineSSH

/// Opens `SSHRemoteHost`s: connect, check the host key, authenticate.
public enum SSHTransport {
    /// Connects to `target` and logs in, or throws a `ConnectionFailure` saying why not.
    public static func connect(_ target: HostTarget, settings: ConnectionSettings) async throws -> SSHRemoteHost {
        let configuration = settings.configuration
        let user = target.user ?? settings.user
        do {
            let (session, lease) = try await openSession(target, settings: settings)
            trace(session, target: target, settings: settings)
            do {
                let accepted = try await session.authenticate(user: user, credentials: settings.credentials)
                settings.trace?.record(target.name, .authenticated(user: user, method: accepted?.label ?? "none"))
                let escalation =
                    settings.become && user != "root" ? PrivilegeEscalation(password: settings.becomePassword) : nil
                return SSHRemoteHost(
                    name: target.name, session: session, authenticatedWith: accepted?.label ?? "none",
                    escalation: escalation, fileTimeout: configuration.operationTimeout,
                    tunnel: lease.map { ($0, settings.connectTimeout) }, trace: settings.trace)
            } catch {
                await session.disconnect()
                await lease?.wait(atMost: settings.connectTimeout)
                throw error
            }
        } catch let error as SSHError {
            throw failure(name: target.name, error)
        } catch let error as BastionFailure {
            throw failure(name: target.name, error)
        }
    }

    /// Records the connection and handshake of `session` in the settings' trace, if any.
    private static func trace(_ session: SSHSession, target: HostTarget, settings: ConnectionSettings) {
        guard let trace = settings.trace else { return }
        let hops = settings.jumpHosts.map(\.description)
        trace.record(
            target.name, .connected(address: target.address, port: target.port ?? settings.port, jumpHosts: hops))
        if let key = session.hostKey {
            trace.record(
                target.name,
                .handshake(keyType: key.typeName, fingerprint: key.fingerprint, policy: settings.hostKeyPolicy))
        }
    }

    /// A session to `target`, its host key checked: directly, or through its jump hosts with the
    /// lease of its tunnel.
    private static func openSession(
        _ target: HostTarget, settings: ConnectionSettings
    ) async throws -> (SSHSession, TunnelLease?) {
        let port = target.port ?? settings.port
        guard let route = JumpRoute(settings: settings) else {
            return (
                try await SSHSession.connect(host: target.address, port: port, configuration: settings.configuration),
                nil
            )
        }
        return try await JumpSessionPool.shared.session(
            to: target.address, port: port, route: route, configuration: settings.configuration)
    }

    /// An SSH error in the categories an operator acts on.
    static func failure(name: String, _ error: SSHError) -> ConnectionFailure {
        let message = error.host == name ? error.description : "\(name) (\(error.host)): \(error.message)"
        return ConnectionFailure(kind: kind(of: error.code), host: name, message: message)
    }

    /// A jump host's failure, named: `web1: bastion b1:22: REMOTE HOST IDENTIFICATION HAS CHANGED: …`.
    static func failure(name: String, _ failure: BastionFailure) -> ConnectionFailure {
        ConnectionFailure(
            kind: kind(of: failure.error.code), host: name,
            message: "\(name): bastion \(failure.hop): \(failure.error.message)")
    }

    private static func kind(of code: SSHError.Code) -> ConnectionFailure.Kind {
        switch code {
        case .unreachable, .handshakeFailed, .disconnected: .unreachable
        case .timedOut: .timeout
        case .hostKeyUnknown, .hostKeyChanged, .knownHostsUnusable: .hostKey
        case .authenticationFailed: .authentication
        case .channelFailed: .operation
        }
    }
}
