import TrunklineCore
import TrunklineInventory

/// A play: which hosts, which variables, which steps, in order.
public struct Play: Sendable {
    /// The play's name.
    public var name: String
    /// The host pattern of `hosts:`.
    public var hosts: HostPattern
    /// The play's variables (over the inventory's, under `-e`), available to templates.
    public var variables: [String: Value]
    /// The steps, in written order.
    public var steps: [StepDefinition]
    /// Where the play is written.
    public var location: SourceLocation
}
