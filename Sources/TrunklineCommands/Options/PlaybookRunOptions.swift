import ArgumentParser

/// What `check` and `apply` share: the inventory, the playbook, the steps selected, the
/// connection and how the result is shown.
struct PlaybookRunOptions: ParsableArguments {
    @OptionGroup var selection: InventorySelection
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var parallelism: ParallelismOptions
    @OptionGroup var steps: StepSelectionOptions

    @Option(
        name: [.customLong("identity"), .customLong("private-key")],
        help: "Private key file to try (repeatable); inventory variables may name one per host.")
    var identity: [String] = []

    @Flag(name: [.customShort("D"), .long], help: "Show unified diffs for files and before/after values.")
    var diff = false

    @Option(help: "text (default) or json.")
    var format: OutputFormat = .text

    @Argument(help: "The playbook (YAML list of plays).")
    var playbook: String
}

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument {
    case text, json
}
