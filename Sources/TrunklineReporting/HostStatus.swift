/// What a drift run found on one host.
public enum HostStatus: String, Sendable, Codable, CaseIterable {
    /// Reached, and every step is as the playbook describes.
    case inSync = "in_sync"
    /// Reached, and at least one step would change something.
    case drifted
    /// Not reached: no connection, a timeout, a refused host key or login.
    case unreachable
    /// Reached, but its state could not be read or planned (facts failed, a precondition).
    case failed

    /// True when the host's state was read, so its drift (or its absence) is known.
    public var wasChecked: Bool { self == .inSync || self == .drifted }
}
