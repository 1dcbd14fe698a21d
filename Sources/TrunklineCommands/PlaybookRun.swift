import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineInventory
import TrunklineTransport

/// A check or apply over the inventory: everything is validated and every host's steps are
/// built before the first connection; then hosts run at most `--forks` at a time.
struct PlaybookRun {
    let options: PlaybookRunOptions

    /// Runs each play on its hosts and prints the outcome; returns the exit code
    /// (0 nothing to change, 2 changes, 4 failures or unreachable hosts, 6 both).
    func run(apply: Bool) async throws -> ExitCode {
        let plays = try prepare()
        let defaults = try options.connection.settings(identity: options.identity)
        let runID = Self.runID()
        let report = RunReport(format: options.format, showDiff: options.diff, apply: apply)
        var outcomes: [HostOutcome] = []
        for (play, runs) in plays {
            report.play(play.name)
            let forks = options.parallelism.forks
            outcomes += await BoundedParallelism.map(runs.map { $0.with(defaults: defaults) }, limit: forks, onResult: { _, outcome in
                report.host(outcome)
            }) { run in
                apply ? await run.apply(runID: runID) : await run.check()
            }
        }
        report.recap(outcomes)
        return ExitCode(Int32((outcomes.contains { $0.changedCount > 0 } ? 2 : 0) + (outcomes.contains(where: \.failed) ? 4 : 0)))
    }

    /// Plays with the run of each selected host: the inventory, the playbook and every step of
    /// every host validated and built, and the rules across hosts checked. Bad input stops here,
    /// before any connection.
    func prepare() throws -> [(Play, [PendingHost])] {
        let (inventory, limited, extra) = try options.selection.resolve()
        do {
            let plays = try PlaybookLoader.load(options.playbook)
            let selected = Set(limited)
            let prepared = try plays.map { play in
                let hosts = try play.hosts.hosts(in: inventory).filter(selected.contains)
                return (play, try hosts.map { host in
                    var variables = play.defaults
                    variables.merge(inventory.variables(of: host)) { $1 }
                    variables.merge(play.variables) { $1 }
                    variables.merge(extra) { $1 }
                    return PendingHost(name: host, variables: variables, steps: try play.steps.map { try $0.instance(variables: variables) },
                                       handlers: try play.handlers.map { try $0.instance(variables: variables) })
                })
            }
            for (_, hosts) in prepared { try AddressConflicts.check(hosts.map { ($0.name, $0.steps) }) }
            return prepared
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
    }

    /// `YYYYMMDDTHHMMSSZ-xxxx`, naming the run's directory and backups on every host.
    static func runID() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date()) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }
}

/// A host with its steps built, not yet connected.
struct PendingHost: Sendable {
    let name: String
    let variables: [String: Value]
    let steps: [StepInstance]
    let handlers: [StepInstance]

    /// The run, connecting with the inventory's variables over `defaults`.
    func with(defaults: ConnectionSettings) -> HostRun {
        let (target, settings) = InventoryConnection.resolve(name, variables: variables, defaults: defaults)
        return HostRun(host: name, steps: steps, handlers: handlers) { try await SSHTransport.connect(target, settings: settings) }
    }
}
