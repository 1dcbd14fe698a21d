import ArgumentParser

/// `trunkline apply -i INVENTORY PLAYBOOK`: apply the plan on each host, then verify it converged.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract:
            "Apply a playbook: each host's plan runs as one script on the host, then facts are gathered again and must show nothing left to change.",
        discussion:
            "Exit status: 0 nothing changed, 2 changes made, 4 failed, unreachable or not reached hosts (or did not converge), 6 both, 1 invalid input, 64 usage error, 130 interrupted."
            + HelpExample.section(
                "apply",
                [
                    HelpExample(
                        arguments: ["-i", "inventories/lab.yml", "site.yml", "--diff"],
                        purpose: "apply, showing the diffs of what changed"),
                    HelpExample(
                        arguments: ["-i", "hosts.ini", "site.yml", "--retry-file", "failed.txt"],
                        purpose: "apply, then list the failed and unreachable hosts"),
                    HelpExample(
                        arguments: [
                            "-i", "hosts.ini", "site.yml", "--limit", "@failed.txt", "--ssh-common-args=-J ops@bastion",
                        ], purpose: "run those hosts again, through a bastion"),
                ])
    )

    @OptionGroup var options: PlaybookRunOptions
    @OptionGroup var rollout: RolloutOptions
    @OptionGroup var modes: PlaybookModeOptions
    @OptionGroup var retry: RetryFileOptions
    @OptionGroup var detail: StepDetailOptions

    @Flag(name: [.customShort("C"), .customLong("check")], help: "Change nothing: run as 'trunkline check' does.")
    var check = false

    func run() async throws {
        guard try !modes.runInstead(options) else { return }
        throw try await PlaybookRunner(options: options, rollout: rollout).run(
            check ? .check : .apply, retry: retry, detail: detail)
    }
}
