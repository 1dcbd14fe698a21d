import ArgumentParser
import TrunklineCore
import TrunklineInput
import TrunklineInventory
import TrunklineRun
import TrunklineTransport

/// How `ping` and `exec` name their hosts: on the command line (`host`, `user@host:port`), or
/// with `-i INVENTORY` as a host pattern of it, as `ansible -i INVENTORY PATTERN` does, each
/// host reached with its inventory variables (`ansible_host`, `ansible_user`, …).
struct AdHocHostOptions: ParsableArguments {
    /// Where an ad-hoc pattern is written, for its errors.
    static let location = SourceLocation(whole: "the host pattern")

    @Option(
        name: [.short, .customLong("inventory")],
        help:
            "An inventory source (repeatable): the words are then a host pattern of it, as with ansible -i INVENTORY PATTERN."
    )
    var inventory: [String] = []

    @Option(
        name: [.customLong("identity"), .customLong("private-key")],
        help: "Private key file to try (repeatable). Default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa.")
    var identity: [String] = []

    /// Each host that `words` name, with the settings to reach it over `defaults`; a pattern
    /// that matches no host of the inventory is an `InputError`.
    func targets(
        _ words: [String], defaults: ConnectionSettings
    ) throws -> [(target: HostTarget, settings: ConnectionSettings)] {
        guard !inventory.isEmpty else {
            let settings = InventoryConnection.followingCommandLineArguments(defaults)
            return try words.map { (try HostTarget(parsing: $0), settings) }
        }
        let loaded = try InventoryLoader.load(sources: inventory)
        let pattern = HostPattern(words.joined(separator: ","), at: Self.location)
        let hosts = try pattern.hosts(in: loaded)
        guard !hosts.isEmpty else {
            throw InputError(Self.location, "'\(pattern.text)' matches no host of the inventory")
        }
        return hosts.map { InventoryConnection.resolve($0, variables: loaded.variables(of: $0), defaults: defaults) }
    }
}
