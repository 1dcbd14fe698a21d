import TrunklineCore
import TrunklineEngine

/// The variables of one host in one play, with where each is written, by Ansible's precedence,
/// lowest first: the roles' defaults, the inventory's (already merged by its own precedence),
/// the play's `vars:`, then the extra variables (`-e`); and the play's magic variables
/// `play_hosts`, `ansible_play_hosts` and, where the play reads it, `hostvars`. One type owns the order, so values and their origins
/// cannot disagree.
public struct HostVariables: Sendable {
    /// The merged values.
    public private(set) var values: [String: Value]
    /// Where each value that a file or flag wrote is written.
    public private(set) var origins: [String: ValueOrigin]

    /// The variables of a host of `play` with the inventory's `inventory` (and their
    /// `inventoryOrigins`), the `extra` variables and the play's hosts `playHosts` (one list
    /// shared by every host: a list per host would be quadratic in the fleet's size), and
    /// `hostvars`, also one value shared by every host.
    public init(
        play: Play, inventory: [String: Value], inventoryOrigins: [String: ValueOrigin],
        extra: [String: Value], extraOrigins: [String: ValueOrigin], playHosts: Value, hostvars: Value? = nil
    ) {
        values = play.defaults
        origins = [:]
        merge(inventory, inventoryOrigins)
        merge(play.variables, play.origins)
        merge(extra, extraOrigins)
        values["play_hosts"] = playHosts
        values["ansible_play_hosts"] = playHosts
        if let hostvars { values["hostvars"] = hostvars }
    }

    private mutating func merge(_ layer: [String: Value], _ layerOrigins: [String: ValueOrigin]) {
        values.merge(layer) { $1 }
        origins.merge(layerOrigins) { $1 }
    }
}
