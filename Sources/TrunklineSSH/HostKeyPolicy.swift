/// How a server's host key is checked against known_hosts.
public enum HostKeyPolicy: String, Sendable, CaseIterable {
    /// Unknown or changed keys are refused; nothing is sent past the handshake.
    case strict
    /// Unknown keys are recorded in known_hosts; changed keys are refused.
    case acceptNew = "accept-new"
    /// No check at all. Only by explicit choice; callers print a warning.
    case off
}
