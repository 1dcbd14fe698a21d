import TrunklineSSH

/// The bastion sessions that hosts behind the same jump hosts share. A route's session to its
/// last hop runs through a tunnel of its parent route's session (so `-J a,b` opens a session to
/// `a`, then one to `b` through it); each session carries at most `channelsPerJumpSession`
/// tunnels, more hosts opening more sessions; a session closes with its last tunnel (and the
/// lease of that tunnel ends only then, so that closing a host waits for its bastion's close).
actor JumpSessionPool {
    /// The pool every connection of the process uses.
    static let shared = JumpSessionPool()

    private var entries: [JumpRoute: [BastionEntry]] = [:]

    /// A session to `host:port` through `route`: a tunnel from a session to the last hop (shared
    /// or opened), then the handshake with `host`. As for a direct connection,
    /// `configuration.connectTimeout` covers opening the tunnel and the handshake; each hop has
    /// its own. Failures of a hop are `BastionFailure`s naming it.
    nonisolated func session(
        to host: String, port: Int, route: JumpRoute,
        configuration: SSHConfiguration
    ) async throws -> (SSHSession, TunnelLease) {
        let (entry, opening) = await reserve(route)
        let bastion: SSHBastion
        do {
            bastion = try await opening.value
        } catch {
            await release(entry)
            throw error
        }
        let deadline = ContinuousClock.now + configuration.connectTimeout
        let lease = TunnelLease()
        let tunnel: SSHTunnel
        do {
            tunnel = try await bastion.openTunnel(to: host, port: port, deadline: deadline) {
                Task {
                    await self.release(entry)
                    lease.end()
                }
            }
        } catch let error as SSHError {
            throw BastionFailure(hop: route.description, error: error)
        }
        let session = try await SSHSession.connect(
            host: host, port: port, configuration: configuration, over: tunnel, deadline: deadline)
        return (session, lease)
    }

    /// The number of bastion sessions open or opening on `route`.
    func sessionCount(on route: JumpRoute) -> Int { entries[route]?.count ?? 0 }

    /// A tunnel reserved on a session of `route` with room, or on a new one, and the task to wait
    /// for that session.
    private func reserve(_ route: JumpRoute) -> (BastionEntry, Task<SSHBastion, Error>) {
        if let entry = entries[route]?.first(where: \.hasRoom), let opening = entry.opening {
            entry.tunnels += 1
            return (entry, opening)
        }
        let entry = BastionEntry(route: route)
        entry.tunnels = 1
        let opening = Task { try await self.open(entry) }
        entry.opening = opening
        entries[route, default: []].append(entry)
        return (entry, opening)
    }

    /// Gives back a tunnel; the session closes when it carries none, then its own tunnel ends.
    private func release(_ entry: BastionEntry) async {
        entry.tunnels -= 1
        guard entry.tunnels == 0 else { return }
        forget(entry)
        await entry.bastion?.close()
        await entry.lease?.wait(atMost: entry.route.login.connectTimeout)
    }

    private func forget(_ entry: BastionEntry) {
        entries[entry.route]?.removeAll { $0 === entry }
        if entries[entry.route]?.isEmpty == true { entries[entry.route] = nil }
    }

    private func opened(_ bastion: SSHBastion, through lease: TunnelLease?, for entry: BastionEntry) {
        entry.bastion = bastion
        entry.lease = lease
    }

    /// Connects to the route's last hop (through its parent route for a later hop), checks its
    /// key, logs in and makes the session a bastion.
    private nonisolated func open(_ entry: BastionEntry) async throws -> SSHBastion {
        let route = entry.route
        let hop = route.last
        do {
            let (session, lease): (SSHSession, TunnelLease?) =
                if let parent = route.parent {
                    try await self.session(
                        to: hop.address, port: hop.sshPort, route: parent, configuration: route.login.configuration)
                } else {
                    (
                        try await SSHSession.connect(
                            host: hop.address, port: hop.sshPort, configuration: route.login.configuration), nil
                    )
                }
            let bastion = try await login(session, as: route.user(of: hop), route: route)
            await opened(bastion, through: lease, for: entry)
            return bastion
        } catch {
            await forget(entry)
            guard let failure = error as? SSHError else { throw error }
            throw BastionFailure(hop: route.description, error: failure)
        }
    }

    private nonisolated func login(_ session: SSHSession, as user: String, route: JumpRoute) async throws -> SSHBastion
    {
        do {
            try await session.authenticate(user: user, credentials: route.login.credentials)
            return try SSHBastion(session: session)
        } catch {
            await session.disconnect()
            throw error
        }
    }
}
