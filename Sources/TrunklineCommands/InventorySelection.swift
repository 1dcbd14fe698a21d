import ArgumentParser
import TrunklineCore
import TrunklineInventory

/// The inventory flags shared by every command that works on an inventory.
struct InventorySelection: ParsableArguments {
    @Option(name: [.short, .customLong("inventory")],
            help: "An inventory source, as Ansible reads it: an INI or YAML file, a directory, an executable script, or 'h1,h2,' (repeatable; merged in order).")
    var inventory: [String] = []

    @Option(name: [.short, .long], help: "Only the hosts matching this pattern (groups, hosts, globs, a:b, a:&b, a:!b).")
    var limit: String?

    @Option(name: [.short, .customLong("extra-vars")], help: "key=value or @file.yml; wins over every other variable (repeatable).")
    var extraVars: [String] = []

    func validate() throws {
        guard !inventory.isEmpty else { throw ValidationError("Missing expected argument '--inventory <inventory>'") }
    }

    /// The inventory (with the `group_vars/` and `host_vars/` beside `playbookDirectory`, if
    /// given), the selected hosts (in inventory order) and the extra variables.
    func resolve(playbookDirectory: String? = nil) throws -> (Inventory, [String], ExtraVariables) {
        do {
            var loaded = try InventoryLoader.load(sources: inventory)
            if let playbookDirectory { try loaded.addPlaybookVariables(beside: playbookDirectory) }
            let extra = try ExtraVariables(parsing: extraVars)
            let hosts = try limit.map { try HostPattern($0, at: SourceLocation(whole: "--limit")).hosts(in: loaded) }
                ?? loaded.hostOrder
            return (loaded, hosts, extra)
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
    }
}
