import TrunklineCore
import TrunklineRun
import ArgumentParser
import Foundation
import TrunklineReporting

/// `trunkline history [--host H]`: the drift runs recorded, newest first; with `--host`, what
/// each run saw on that host.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past drift runs (with --host, one host's status and drifted steps in each)."
    )

    @Option(help: ArgumentHelp("The history database (default $XDG_STATE_HOME/trunkline/history.sqlite).", valueName: "path"))
    var history: String?

    @Option(help: "Only runs that checked this host, with its result in each.")
    var host: String?

    @Option(help: "How many runs, newest first.")
    var last: Int = 30

    func run() throws {
        let path = history ?? StatePaths.history
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no drift history at \(path) (run `trunkline drift` first)") }
        let store = try DriftHistory(path: path)
        for run in try store.runs(host: host, limit: last) {
            let time = ISO8601DateFormatter().string(from: run.startedAt)
            if let host, let (result, drifts) = try store.result(of: host, inRun: run.seq) {
                let detail = result.hostStatus.wasChecked ? drifts.joined(separator: "; ") : (result.reason ?? "")
                print("\(run.id)  \(time)  \(host)  \(result.status)\(detail.isEmpty ? "" : "  \(detail)")")
            } else {
                print("\(run.id)  \(time)  hosts=\(run.hosts) in_sync=\(run.inSync) drifted=\(run.drifted) unreachable=\(run.unreachable) "
                    + "failed=\(run.failed) drifted_steps=\(run.driftedSteps) exit=\(run.exitCode)  \(run.playbook)")
            }
        }
    }
}
