import TrunklineSSH

/// A jump host that could not be reached, trusted or logged in on, or that could not open the
/// channel onwards: `hop` names it as `JumpRoute` does (`b1:22`, `b2:22 (through b1:22)`).
struct BastionFailure: Error, Sendable {
    /// The jump host that failed.
    var hop: String
    /// What failed on it.
    var error: SSHError
}
