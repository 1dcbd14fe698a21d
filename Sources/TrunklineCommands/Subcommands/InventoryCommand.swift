import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineInventory
import TrunklineRun

/// `trunkline inventory -i FILE --list | --graph | --host NAME`, like `ansible-inventory`.
struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract:
            "Show an inventory: hosts with their merged variables (--list, JSON), the group tree (--graph), or one host (--host).",
        discussion: """
            The output is ansible-inventory's: magic variables (inventory_hostname, group_names, \
            groups) are left out, and so are hosts without variables and empty groups.

            Variable precedence is Ansible's, lowest first (groups sorted by depth, then \
            ansible_group_priority, then name): the inventory's vars of all, then of the other \
            groups; group_vars/all beside the inventory, then beside the playbook; the other \
            groups' group_vars/ beside the inventory, then beside the playbook; the host's \
            inventory variables, host_vars/ beside the inventory, then beside the playbook; -e.
            """
                + HelpExample.section(
                    "inventory",
                    [
                        HelpExample(arguments: ["-i", "hosts.ini", "--graph"], purpose: "the group tree"),
                        HelpExample(
                            arguments: ["-i", "inventory/", "--host", "hv01", "--playbook-dir", "."],
                            purpose: "one host's variables, with the playbook's group_vars/ and host_vars/"),
                        HelpExample(
                            arguments: ["-i", "hosts.ini", "--list", "--vault-password-file", "~/.vault_pass"],
                            purpose: "everything as ansible-inventory --list prints it, vaulted values masked"),
                    ])
    )

    @OptionGroup var selection: InventorySelection

    @Flag(help: "Print every host's merged variables and every group's hosts and children as JSON.")
    var list = false

    @Flag(help: "Print the tree of groups and hosts.")
    var graph = false

    @Option(help: "Print one host's merged variables as JSON.")
    var host: String?

    @Flag(help: "Print values decrypted from ansible-vault (masked as ******** otherwise).")
    var showSecrets = false

    @Option(
        help:
            "The playbook's directory, whose group_vars/ and host_vars/ are read too (as ansible-inventory's --playbook-dir)."
    )
    var playbookDir: String?

    func validate() throws {
        guard [list, graph, host != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --list, --graph or --host NAME")
        }
    }

    func run() throws {
        let (inventory, hosts, extraVariables) = try selection.resolve(playbookDirectory: playbookDir)
        let extra = extraVariables.values
        if graph {
            print(InventoryGraph.render(inventory, hosts: Set(hosts)), terminator: "")
        } else if let host {
            guard hosts.contains(host) else {
                throw InputErrorReport.exit(
                    after: InputError(SourceLocation(whole: "--host"), "no host '\(host)' in the inventory"))
            }
            try printJSON(masked(inventory.variables(of: host, extra: extra, magic: false)))
        } else {
            try printJSON(InventoryListing(inventory, hosts: hosts, extra: extra, reveal: showSecrets))
        }
    }

    private func masked(_ variables: [String: Value]) -> [String: Value] {
        showSecrets ? variables : variables.mapValues { SecretValues.masking($0, mask: SecretText.mask) }
    }

    private func printJSON<Output: Encodable>(_ value: Output) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
