/// What a playbook run does on its hosts.
public enum RunMode: String, Sendable {
    /// Gathers facts and plans; changes nothing.
    case check
    /// Plans, then changes what differs.
    case apply
}
