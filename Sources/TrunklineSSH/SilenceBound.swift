/// How long an operation's socket may stay silent (no readiness at all) before the connection
/// is taken as dead, and the error it then fails with. Used with `SSHEventLoop.perform`.
struct SilenceBound {
    /// The longest silence.
    let limit: Duration
    /// The error for a connection that stayed silent for `limit`.
    let error: () -> Error
}
