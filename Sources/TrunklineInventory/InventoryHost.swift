import TrunklineCore

/// A host of an inventory with its own variables.
public struct InventoryHost: Sendable, Equatable {
    /// The host's inventory name.
    public var name: String
    /// Variables from the inventory sources.
    public var variables: [String: Value] = [:]
    /// Where each variable is written.
    public var origins: [String: ValueOrigin] = [:]
    /// `host_vars/NAME` beside the inventory sources.
    public var inventoryFiles = VariableLayer()
    /// `host_vars/NAME` beside the playbook.
    public var playbookFiles = VariableLayer()
    /// Where the host was first listed.
    public var location: SourceLocation

    /// Creates a host without variables.
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
