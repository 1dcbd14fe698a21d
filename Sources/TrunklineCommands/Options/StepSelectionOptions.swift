import ArgumentParser
import TrunklinePlaybook

/// The flags of ansible-playbook that choose which steps run: `--tags`, `--skip-tags` and
/// `--start-at-task`.
struct StepSelectionOptions: ParsableArguments {
    @Option(
        name: [.short, .long],
        help:
            "Only the steps with one of these tags (comma-separated, repeatable; always, never, all, tagged, untagged as in Ansible)."
    )
    var tags: [String] = []

    @Option(name: .customLong("skip-tags"), help: "Not the steps with one of these tags (comma-separated, repeatable).")
    var skipTags: [String] = []

    @Option(
        name: .customLong("start-at-task"),
        help: "Start at the first selected step of this name (or glob); those before it do not run.")
    var startAtTask: String?

    /// The selection these flags make.
    var selection: StepSelection {
        StepSelection(tags: TagSelection(tags: tags, skipTags: skipTags), startAt: startAtTask)
    }
}
