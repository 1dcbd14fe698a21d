import ArgumentParser

/// The `trunkline` command: fleet-wide, agentless provisioning of hypervisor networking over SSH.
public struct TrunklineCommand: AsyncParsableCommand {
    /// The version printed by `--version`.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "trunkline",
        abstract: "Agentless SSH provisioning of hypervisor networking (Open vSwitch, bonds, VLANs, GRUB, sysctl).",
        version: version,
        subcommands: [PingCommand.self, ExecCommand.self, InventoryCommand.self, FactsCommand.self, ValidateCommand.self, CheckCommand.self, ApplyCommand.self,
                      DriftCommand.self, HistoryCommand.self]
    )

    public init() {}
}
