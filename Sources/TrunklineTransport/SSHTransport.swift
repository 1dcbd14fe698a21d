import TrunklineCore
import TrunklineSSH

/// Opens `SSHRemoteHost`s: connect, check the host key, authenticate.
public enum SSHTransport {
    /// Connects to `target` and logs in, or throws a `ConnectionFailure` saying why not.
    public static func connect(_ target: HostTarget, settings: ConnectionSettings) async throws -> SSHRemoteHost {
        let configuration = SSHConfiguration(
            connectTimeout: settings.connectTimeout,
            hostKeyPolicy: settings.hostKeyPolicy,
            knownHostsFiles: settings.knownHostsFiles,
            keepaliveInterval: settings.keepaliveInterval
        )
        let user = target.user ?? settings.user
        do {
            let session = try await SSHSession.connect(host: target.address, port: target.port ?? settings.port, configuration: configuration)
            do {
                let accepted = try await session.authenticate(user: user, credentials: settings.credentials)
                let escalation = settings.become && user != "root" ? PrivilegeEscalation(password: settings.becomePassword) : nil
                return SSHRemoteHost(name: target.name, session: session, authenticatedWith: accepted?.label ?? "none",
                                     escalation: escalation, fileTimeout: configuration.operationTimeout)
            } catch {
                await session.disconnect()
                throw error
            }
        } catch let error as SSHError {
            throw failure(name: target.name, error)
        }
    }

    /// An SSH error in the categories an operator acts on.
    static func failure(name: String, _ error: SSHError) -> ConnectionFailure {
        let kind: ConnectionFailure.Kind = switch error.code {
        case .unreachable, .handshakeFailed, .disconnected: .unreachable
        case .timedOut: .timeout
        case .hostKeyUnknown, .hostKeyChanged, .knownHostsUnusable: .hostKey
        case .authenticationFailed: .authentication
        case .channelFailed, .sftpFailed: .operation
        }
        let message = error.host == name ? error.description : "\(name) (\(error.host)): \(error.message)"
        return ConnectionFailure(kind: kind, host: name, message: message)
    }
}
