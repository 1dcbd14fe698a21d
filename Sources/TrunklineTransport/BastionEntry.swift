import TrunklineSSH

/// One bastion session of a `JumpSessionPool`, from the moment a host asks for it: the task
/// that opens it and the tunnels reserved on it. Changed by the pool only.
final class BastionEntry: @unchecked Sendable {
    /// The route the session serves.
    let route: JumpRoute
    /// Tunnels reserved on the session, open or being opened.
    var tunnels = 0
    /// The session, once it is open.
    var bastion: SSHBastion?
    /// Opens the session; every host that reserved a tunnel on it waits for it.
    var opening: Task<SSHBastion, Error>?
    /// The tunnel the session runs through, for a hop after the first.
    var lease: TunnelLease?

    /// An entry for a session on `route`, not yet opening.
    init(route: JumpRoute) {
        self.route = route
    }

    /// Whether another tunnel may be reserved: a free channel, and a session that still takes tunnels.
    var hasRoom: Bool { tunnels < route.login.channelsPerJumpSession && bastion?.acceptsTunnels != false }
}
