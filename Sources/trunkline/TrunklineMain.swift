import TrunklineCommands

/// The `trunkline` executable: a thin entry point over `TrunklineCommands`.
@main
enum TrunklineMain {
    static func main() async {
        await TrunklineCommand.run(Array(CommandLine.arguments.dropFirst()))
    }
}
