import ArgumentParser

/// `trunkline check -i INVENTORY PLAYBOOK`: gather facts and print the plan; change nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Show what a playbook would change on each host (with --diff, how); change nothing.",
        discussion:
            "Exit status: 0 nothing to change, 2 changes pending, 4 failed, unreachable or not reached hosts, 6 both, 1 invalid input, 64 usage error, 130 interrupted."
            + HelpExample.section(
                "check",
                [
                    HelpExample(
                        arguments: ["-i", "inventories/lab.yml", "site.yml", "--diff"],
                        purpose: "every change each host would get, with diffs"),
                    HelpExample(
                        arguments: ["-i", "hosts.ini", "site.yml", "--limit", "hv0*:!maintenance", "-t", "net"],
                        purpose: "only the steps tagged net, on some hosts"),
                    HelpExample(
                        arguments: ["-i", "hosts.ini", "site.yml", "--format", "json", "-vv"],
                        purpose: "the trunkline.run/1 document, with per-host timings"),
                ])
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
