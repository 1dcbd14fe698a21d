import TrunklineCore

/// Variables of one kind of source for a group or host, with where each is written.
public struct VariableLayer: Sendable, Equatable {
    /// The variables.
    public var values: [String: Value] = [:]
    /// Where each variable is written.
    public var origins: [String: ValueOrigin] = [:]

    public init() {}

    /// Merges `other` over these.
    mutating func merge(_ other: VariableLayer) {
        values.merge(other.values) { $1 }
        origins.merge(other.origins) { $1 }
    }
}

/// A group of an inventory: its own hosts, its child groups, and its variables.
public struct InventoryGroup: Sendable, Equatable {
    /// The group's name.
    public var name: String
    /// Hosts listed directly in the group, in written order.
    public var hosts: [String] = []
    /// Child groups, in written order.
    public var children: [String] = []
    /// Variables from the inventory sources (`vars:`, `[NAME:vars]`, a script's `vars`).
    public var variables: [String: Value] = [:]
    /// Where each variable is written.
    public var origins: [String: ValueOrigin] = [:]
    /// `group_vars/NAME` beside each inventory source, by the source's position: Ansible applies
    /// them source by source (every group's file beside the first source, then beside the next).
    public var inventoryFiles: [Int: VariableLayer] = [:]
    /// `group_vars/NAME` beside the playbook.
    public var playbookFiles = VariableLayer()
    /// `ansible_group_priority` from the inventory source (1 unless set): among groups at the
    /// same depth, a higher priority wins.
    public var priority = 1
    /// Where the group was first defined.
    public var location: SourceLocation

    /// Creates an empty group.
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
