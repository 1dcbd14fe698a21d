import TrunklineCore

/// A group of an inventory: its own hosts, its child groups, and its variables.
public struct InventoryGroup: Sendable, Equatable {
    /// The group's name.
    public var name: String
    /// Hosts listed directly in the group, in written order.
    public var hosts: [String] = []
    /// Child groups, in written order.
    public var children: [String] = []
    /// Variables from the inventory file's `vars:`, then from `group_vars/NAME` (which win).
    public var variables: [String: Value] = [:]
    /// Where each variable is written.
    public var origins: [String: ValueOrigin] = [:]
    /// Where the group was first defined.
    public var location: SourceLocation

    /// Creates an empty group.
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
