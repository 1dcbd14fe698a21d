import TrunklineCore
import TrunklineEngine
import TrunklineInput
import TrunklineInventory
import TrunklinePlaybook

/// The pre-flight of a run: the playbook loaded, every step of every selected host validated
/// and built, and the rules across hosts checked (address conflicts, the management address).
/// Bad input stops here, as an `InputError`, before any connection.
public enum PlaybookPreparation {
    /// The plays of `playbook` over the `selected` hosts of `inventory` (in inventory order),
    /// with the `extra` variables and the steps `steps` selects; and the warnings about the hosts' connection variables
    /// (each once), which `sshConfig` helps resolve.
    public static func prepare(
        playbook: String, inventory: Inventory, selected: [String], extra: ExtraVariables,
        vault: VaultSecrets, sshConfig: String?,
        steps: StepSelection = StepSelection()
    ) throws -> (plays: [PreparedPlay], warnings: [String]) {
        let plays = try steps.apply(try PlaybookLoader.load(playbook, vault: vault))
        let selection = Set(selected)
        let prepared = try plays.map { play in
            let hosts = try play.hosts.hosts(in: inventory).filter(selection.contains)
            let playHosts = Value.list(hosts.map(Value.string))
            let hostvars =
                play.mentions("hostvars", extra: extra.values)
                ? try hostVariables(inventory, extra: extra) : nil
            // Each host's steps are built on every core: rendering them is most of validating.
            return PreparedPlay(
                play: play,
                hosts: try ParallelMap.map(hosts) { host in
                    let variables = HostVariables(
                        play: play, inventory: inventory.variables(of: host),
                        inventoryOrigins: inventory.origins(of: host),
                        extra: extra.values, extraOrigins: extra.origins, playHosts: playHosts, hostvars: hostvars)
                    let steps = try play.steps.flatMap {
                        try $0.instances(variables: variables.values, origins: variables.origins)
                    }
                    let handlers = try play.handlers.flatMap {
                        try $0.instances(variables: variables.values, origins: variables.origins)
                    }
                    return PendingHost(
                        name: host, variables: variables.values, steps: numbered(steps, after: 0),
                        handlers: numbered(handlers, after: steps.count))
                })
        }
        var warnings: [String] = [], seen = Set<String>()
        for play in prepared {
            for host in play.hosts {
                for warning in try InventoryConnection.check(
                    host.name, variables: host.variables, sshConfigFile: sshConfig) where seen.insert(warning).inserted
                {
                    warnings.append(warning)
                }
            }
            try AddressConflicts.check(play.hosts.map { ($0.name, $0.steps) })
            try ManagementAddressCheck.check(
                play.hosts.map {
                    ($0.name, InventoryConnection.address(of: $0.name, variables: $0.variables), $0.steps)
                })
        }
        return (prepared, warnings)
    }

    /// Ansible's `hostvars`: every inventory host's variables by name, as Ansible gives them to
    /// other hosts: the inventory's, with its magic variables and the extra variables, but not
    /// the play's `vars:` or its hosts. Built once for the play and shared by its hosts.
    private static func hostVariables(_ inventory: Inventory, extra: ExtraVariables) throws -> Value {
        let names = inventory.hostNames(in: "all")
        let variables = try ParallelMap.map(names) { Value.map(inventory.variables(of: $0, extra: extra.values)) }
        return .map(Dictionary(zip(names, variables), uniquingKeysWith: { first, _ in first }))
    }

    /// `instances` numbered in order from `after + 1`: a loop's repetitions are steps of their
    /// own, so the steps after it (and the handlers, numbered after every step) move along.
    private static func numbered(_ instances: [StepInstance], after count: Int) -> [StepInstance] {
        var numbered = instances
        for offset in numbered.indices { numbered[offset].index = count + offset + 1 }
        return numbered
    }
}
