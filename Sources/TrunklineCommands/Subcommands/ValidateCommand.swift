import ArgumentParser

/// `trunkline validate -i INVENTORY PLAYBOOK`: the pre-flight validation alone, for CI pipelines.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an inventory and a playbook for every selected host without connecting to any.",
        discussion:
            "Exit status: 0 valid, 1 invalid (the first problem is printed as file:line:column), 64 usage error."
            + HelpExample.section(
                "validate",
                [
                    HelpExample(
                        arguments: ["-i", "inventories/lab.yml", "site.yml"],
                        purpose: "check the inventory and playbook for every host, connecting to none"),
                    HelpExample(
                        arguments: ["-i", "hosts.ini", "site.yml", "-e", "storage_vlan=100"],
                        purpose: "the same with an extra variable"),
                ])
    )

    @OptionGroup var options: PlaybookRunOptions

    func run() async throws {
        print(try Self.summary(options))
    }

    /// The validation of what `options` select: its summary line, or an exit after the first problem.
    static func summary(_ options: PlaybookRunOptions) throws -> String {
        let plays = try PlaybookRunner.prepare(options)
        let hosts = Set(plays.flatMap { $0.hosts.map(\.name) })
        let steps = plays.reduce(0) { $0 + $1.hosts.reduce(0) { $0 + $1.steps.count } }
        return "valid: \(plays.count) plays, \(hosts.count) hosts, \(steps) host steps"
    }
}
