import ArgumentParser

/// `--changes-only` and `--show-ok`: whether the report's host blocks show the ok and skipped
/// steps (with more than `threshold` hosts they are hidden unless `--show-ok` is given); and
/// `-v`, `-vv`, `-vvv`: the commands of each change under it, then each host's timings, then an
/// SSH trace (`Verbosity`).
struct StepDetailOptions: ParsableArguments {
    /// The number of hosts above which only changes are shown by default.
    static let threshold = 20

    @Flag(name: .customLong("changes-only"), help: "Hide ok and skipped steps (the default with more than 20 hosts).")
    var changesOnly = false

    @Flag(name: .customLong("show-ok"), help: "Show ok and skipped steps, with any number of hosts.")
    var showOK = false

    @Flag(
        name: [.short, .long],
        help:
            "-v: show the commands of each change; -vv: and each host's facts and apply timings; -vvv: and an SSH trace."
    )
    var verbose: Int

    /// The level the `-v` flags ask for.
    var verbosity: Verbosity { Verbosity(count: verbose) }

    func validate() throws {
        guard !(changesOnly && showOK) else {
            throw ValidationError("--changes-only and --show-ok cannot be given together")
        }
    }

    /// The detail these flags ask for in a run over `hosts` hosts.
    func detail(hosts: Int) -> StepDetail {
        if showOK { return .all }
        return changesOnly || hosts > Self.threshold ? .changesOnly : .all
    }
}
