import TrunklineCore

/// A host of an inventory with its own variables.
public struct InventoryHost: Sendable, Equatable {
    /// The host's inventory name.
    public var name: String
    /// Variables from the inventory file, then from `host_vars/NAME` (which win).
    public var variables: [String: Value] = [:]
    /// Where each variable is written.
    public var origins: [String: ValueOrigin] = [:]
    /// Where the host was first listed.
    public var location: SourceLocation

    /// Creates a host without variables.
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
