import TrunklineCore

/// One example in a subcommand's `--help`: the command line (words after `trunkline`) and what it does.
struct HelpExample {
    /// The arguments after the subcommand's name, as a user types them.
    let arguments: [String]
    /// What the example does.
    let purpose: String

    /// `Examples:` and each example as `  trunkline NAME ARGS` with its purpose under it.
    static func section(_ command: String, _ examples: [HelpExample]) -> String {
        "\n\nExamples:\n"
            + examples.map { "  trunkline \(command) \(ShellWord.command($0.arguments))\n      \($0.purpose)" }
            .joined(separator: "\n")
    }
}
