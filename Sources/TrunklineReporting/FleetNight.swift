/// One run in the history as the fleet changed: hosts by status, and the drifted steps new that
/// night, resolved that night and still drifting from before.
public struct FleetNight: Sendable, Codable, Equatable {
    /// The run, its playbook and inventory.
    public var run: RunReference
    public var playbook: String
    public var inventory: String
    /// Hosts by status.
    public var hosts: Int
    public var inSync: Int
    public var drifted: Int
    public var unreachable: Int
    public var failed: Int
    /// Drifted steps (host × step) the host's previous checked run did not see.
    public var new: Int
    /// Drifted steps the host's previous checked run saw and this one did not.
    public var resolved: Int
    /// Drifted steps seen by both.
    public var stillDrifting: Int

    enum CodingKeys: String, CodingKey {
        case run, playbook, inventory, hosts, drifted, unreachable, failed, new, resolved
        case inSync = "in_sync"
        case stillDrifting = "still_drifting"
    }
}
