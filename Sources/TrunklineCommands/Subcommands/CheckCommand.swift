import ArgumentParser

/// `trunkline check -i INVENTORY PLAYBOOK`: gather facts and print the plan; change nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Show what a playbook would change on each host (with --diff, how); change nothing.",
        discussion:
            "Exit status: 0 nothing to change, 2 changes pending, 4 failed, unreachable or not reached hosts, 6 both, 1 invalid input, 64 usage error, 130 interrupted."
    )

    @OptionGroup var options: PlaybookRunOptions
    @OptionGroup var rollout: RolloutOptions
    @OptionGroup var modes: PlaybookModeOptions
    @OptionGroup var retry: RetryFileOptions
    @OptionGroup var detail: StepDetailOptions

    func run() async throws {
        guard try !modes.runInstead(options) else { return }
        throw try await PlaybookRunner(options: options, rollout: rollout).run(.check, retry: retry, detail: detail)
    }
}
