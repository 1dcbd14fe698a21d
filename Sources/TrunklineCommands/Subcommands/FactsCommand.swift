import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineRun
import TrunklineTransport

/// `trunkline facts -i INVENTORY`: the facts Trunkline gathers from each host, as JSON.
struct FactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract:
            "Gather each host's facts (OS, network configuration system, interfaces, Open vSwitch) in one remote exec and print them as JSON.",
        discussion: "Exit status: 0, 4 if a host failed or was unreachable, 1 invalid input, 64 usage error."
            + HelpExample.section(
                "facts",
                [
                    HelpExample(arguments: ["-i", "hosts.ini", "--limit", "hv01"], purpose: "one host's facts as JSON")
                ])
    )

    @OptionGroup var selection: InventorySelection
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var parallelism: ParallelismOptions

    @Option(name: [.customLong("identity"), .customLong("private-key")], help: "Private key file to try (repeatable).")
    var identity: [String] = []

    @Flag(inversion: .prefixedNo, help: "Read the Open vSwitch database too.")
    var ovs = true

    func run() async throws {
        let (inventory, hosts, extraVariables) = try selection.resolve()
        let extra = extraVariables.values
        let defaults = try connection.settings(identity: identity)
        do {
            for host in hosts {
                for warning in try InventoryConnection.check(
                    host, variables: inventory.variables(of: host, extra: extra), sshConfigFile: defaults.sshConfigFile)
                {
                    FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
                }
            }
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
        let needs = FactNeeds(facts: ovs ? [OVSFact.self] : [])
        let results = await BoundedParallelism.map(hosts, limit: parallelism.forks) { host -> (String, [String: Any]) in
            let (target, settings) = InventoryConnection.resolve(
                host, variables: inventory.variables(of: host, extra: extra), defaults: defaults)
            do {
                let facts = try await withConnection({ try await SSHTransport.connect(target, settings: settings) }) {
                    remote in
                    try await HostRun.gather(remote, needs: needs)
                }
                return (host, FactsJSON.object(facts))
            } catch {
                return (host, ["failed": "\(error)"])
            }
        }
        let document = Dictionary(uniqueKeysWithValues: results)
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
        if results.contains(where: { $0.1["failed"] != nil }) { throw ExitCode(4) }
    }
}
