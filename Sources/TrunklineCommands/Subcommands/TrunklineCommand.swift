import ArgumentParser
import TrunklineInput

/// The `trunkline` command: fleet-wide, agentless provisioning of hypervisor networking over SSH.
public struct TrunklineCommand: AsyncParsableCommand {
    /// The version printed by `--version`.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "trunkline",
        abstract: "Agentless SSH provisioning of hypervisor networking (Open vSwitch, bonds, VLANs, GRUB, sysctl).",
        version: version,
        subcommands: [
            PingCommand.self, ExecCommand.self, InventoryCommand.self, FactsCommand.self, ValidateCommand.self,
            CheckCommand.self, ApplyCommand.self,
            DriftCommand.self, HistoryCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line `arguments` (the program's name not among them); a first word that
    /// names no subcommand is a usage error (exit 64) that suggests the one meant (`chek` → `check`).
    public static func run(_ arguments: [String]) async {
        if let word = arguments.first, let problem = unknownSubcommand(word) {
            exit(withError: ValidationError(problem))
        }
        await main(arguments)
    }

    /// The problem with `word` as a subcommand's name, if it names none.
    static func unknownSubcommand(_ word: String) -> String? {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !word.hasPrefix("-"), !names.contains(word) else { return nil }
        return "unknown command '\(word)'"
            + (Suggestion.hint(for: word, in: names).map { " (\($0))" }
                ?? "; the commands are \(names.joined(separator: ", "))")
    }
}
