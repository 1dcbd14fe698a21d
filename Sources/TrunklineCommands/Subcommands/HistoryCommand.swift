import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineReporting
import TrunklineRun

/// `trunkline history`: how the fleet changed run by run (hosts by status; new, resolved and
/// still-drifting steps), filtered by time, playbook, inventory, host and step; with `--host`,
/// also what each run saw on that host. Text tables, or JSON (`trunkline.history/1`).
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show how the fleet changed run by run: hosts by status, new, resolved and still-drifting steps.",
        discussion: """
            One line per drift run, oldest first. With --host, the counts are that host's, and a second table says \
            what each run saw on it. --format json writes schema trunkline.history/1.
            """
                + HelpExample.section(
                    "history",
                    [
                        HelpExample(arguments: ["--since", "7d"], purpose: "the last week's drift runs"),
                        HelpExample(
                            arguments: ["--host", "hv03", "--step", "sysctl: net.ipv4.ip_forward"],
                            purpose: "one host and one step, run by run"),
                        HelpExample(
                            arguments: ["--format", "json", "--last", "100"], purpose: "as trunkline.history/1"),
                    ])
    )

    @Option(
        help: ArgumentHelp(
            "The history database (default $XDG_STATE_HOME/trunkline/history.sqlite).", valueName: "path"))
    var history: String?

    @Option(
        help: ArgumentHelp(
            "Only runs started since: a time back from now (36h, 7d, 2w) or an ISO 8601 date or time.",
            valueName: "when"),
        transform: { try HistorySince(parsing: $0) })
    var since: HistorySince?

    @Option(help: "Only runs of this playbook (as given to drift).")
    var playbook: String?

    @Option(help: "Only runs of this inventory (as given to drift).")
    var inventory: String?

    @Option(help: "Count only this host, in the runs that included it, and show its result in each.")
    var host: String?

    @Option(help: ArgumentHelp("Count only this step: 'kind: name', or its name.", valueName: "name"))
    var step: String?

    @Option(help: "At most this many runs, the newest.")
    var last: Int = 30

    @Option(help: "text (default) or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard last > 0 else { throw ValidationError("--last must be at least 1") }
    }

    func run() throws {
        let path = history ?? StatePaths.history
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no drift history at \(path) (run `trunkline drift` first)")
        }
        let store = try DriftHistory(path: path)
        let query = HistoryQuery(
            playbook: playbook, inventory: inventory, since: since?.date, host: host, step: step, last: last)
        let nights = try store.nights(query), hostNights = try store.hostNights(query)
        if format == .json {
            FileHandle.standardOutput.write(
                Data(try HistoryJSON(query: query, nights: nights, hostNights: hostNights).render()))
        } else {
            print(
                HistoryTable.render(nights) + (host == nil ? "" : "\n" + HistoryTable.render(hostNights)),
                terminator: "")
        }
    }
}
