import ArgumentParser
import TrunklineCore
import TrunklineInventory

/// The inventory flags shared by every command that works on an inventory.
struct InventorySelection: ParsableArguments {
    @Option(name: [.short, .customLong("inventory")], help: "The inventory file (Ansible YAML format).")
    var inventory: String

    @Option(name: [.short, .long], help: "Only the hosts matching this pattern (groups, hosts, globs, a:b, a:&b, a:!b).")
    var limit: String?

    @Option(name: [.short, .customLong("extra-vars")], help: "key=value or @file.yml; wins over every other variable (repeatable).")
    var extraVars: [String] = []

    /// The inventory, the selected hosts (in inventory order) and the extra variables.
    func resolve() throws -> (Inventory, [String], ExtraVariables) {
        do {
            let loaded = try InventoryLoader.load(inventory)
            let extra = try ExtraVariables(parsing: extraVars)
            let hosts = try limit.map { try HostPattern($0, at: SourceLocation(whole: "--limit")).hosts(in: loaded) }
                ?? loaded.hostOrder
            return (loaded, hosts, extra)
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
    }
}
