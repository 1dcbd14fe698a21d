import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineInput
import TrunklineInventory
import TrunklineTransport

/// A check, apply or drift run over the inventory: everything is validated and every host's
/// steps are built before the first connection; then each play rolls out over its hosts in
/// batches, at most `--forks` at a time. A host that failed in a play is not run in the plays
/// after it. The run is recorded in its run directory.
struct PlaybookRun {
    let options: PlaybookRunOptions
    let rollout: RolloutOptions

    /// What a run did.
    struct Result {
        let runID: String
        let directory: RunDirectory
        /// Every selected host, once, in inventory order.
        let hosts: [String]
        /// Each play's name with the outcomes of its hosts.
        let plays: [(name: String, outcomes: [HostOutcome])]
        let notReached: [String]
        let stopReasons: [String]
        let interrupted: Bool

        /// Every outcome of every play.
        var outcomes: [HostOutcome] { plays.flatMap(\.outcomes) }
    }

    /// Runs check or apply, prints the report and returns the exit code (0 nothing to change,
    /// 2 changes, 4 failures, unreachable or unreached hosts, 6 both; 130 interrupted).
    func run(apply: Bool) async throws -> ExitCode {
        let report = RunReport(format: options.format, showDiff: options.diff, apply: apply)
        let result = try await execute(apply: apply, report: report)
        report.recap(result.outcomes, notReached: result.notReached, stopReasons: result.stopReasons, runDirectory: result.directory.path)
        if result.interrupted { return ExitCode(130) }
        let outcomes = result.outcomes
        return ExitCode(Int32((outcomes.contains { $0.changedCount > 0 } ? 2 : 0)
            + (outcomes.contains(where: \.failed) || !result.notReached.isEmpty ? 4 : 0)))
    }

    /// Runs every play, printing hosts as they finish through `report`.
    func execute(apply: Bool, report: RunReport) async throws -> Result {
        let plays = try Self.prepare(options)
        let defaults = try options.connection.settings(identity: options.identity)
        let runID = Self.runID()
        let directory: RunDirectory
        do {
            directory = try RunDirectory(runs: rollout.runsDirectory, runID: runID, given: rollout.runsDir != nil)
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
        let control = RolloutControl()
        let interrupts = InterruptHandler(control: control)
        defer { interrupts.cancel() }
        let progress = ProgressDisplay(total: plays.reduce(0) { $0 + $1.1.count })
        let retry = ConnectionRetry(retries: rollout.retries)
        var results: [(name: String, outcomes: [HostOutcome])] = [], notReached: [String] = [], stopReasons: [String] = []
        var failedHosts = Set<String>(), unreached = Set<String>()
        for (play, hosts) in plays {
            report.play(play.name)
            let runs = hosts.filter { !failedHosts.contains($0.name) }.map {
                $0.with(defaults: defaults, retry: retry, confirmTimeout: rollout.confirmTimeout(for: play), lockWait: rollout.lockTimeout)
            }
            let plan = Rollout(serial: rollout.serial(for: play), maxFailPercentage: rollout.maxFailPercentage(for: play), forks: options.parallelism.forks)
            let result = await plan.run(runs, control: control, events: { event in
                progress.clear()
                switch event {
                case .batchStarted(let number, let count, let hosts): report.batch(number: number, of: count, hosts: hosts)
                case .hostFinished(let outcome):
                    report.host(outcome)
                    try? directory.log(host: outcome.host, lines: ["PLAY [\(play.name)]"] + report.lines(outcome, colour: false))
                case .hostStarted: break
                }
                progress.handle(event)
            }) { run in
                apply ? await run.apply(runID: runID) : await run.check()
            }
            progress.clear()
            results.append((play.name, result.outcomes))
            failedHosts.formUnion(result.outcomes.filter(\.failed).map(\.host))
            notReached += result.notReached.filter { unreached.insert($0).inserted }
            if let reason = result.stopReason { stopReasons.append("play '\(play.name)': \(reason)") }
        }
        var seen = Set<String>()
        let hosts = plays.flatMap { $0.1.map(\.name) }.filter { seen.insert($0).inserted }
        let result = Result(runID: runID, directory: directory, hosts: hosts, plays: results, notReached: notReached,
                            stopReasons: stopReasons, interrupted: control.stopReason != nil)
        try directory.write("result.json", Self.json(result, apply: apply))
        return result
    }

    private static func json(_ result: Result, apply: Bool) -> [UInt8] {
        let document: [String: Any] = [
            "run_id": result.runID, "mode": apply ? "apply" : "check", "interrupted": result.interrupted,
            "plays": result.plays.map { ["name": $0.name, "hosts": $0.outcomes.map(RunReport.json)] as [String: Any] },
            "not_reached": result.notReached, "stopped": result.stopReasons,
        ]
        return Array((try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])) ?? Data())
    }

    /// Plays with the run of each selected host: the inventory, the playbook and every step of
    /// every host validated and built, and the rules across hosts checked. Bad input stops here,
    /// before any connection.
    static func prepare(_ options: PlaybookRunOptions) throws -> [(Play, [PendingHost])] {
        let ((inventory, limited, extra), vault) = try options.selection.resolveWithVault(playbookDirectory: InputPath.directory(of: options.playbook))
        do {
            let plays = try PlaybookLoader.load(options.playbook, vault: vault)
            let selected = Set(limited)
            let prepared = try plays.map { play in
                let hosts = try play.hosts.hosts(in: inventory).filter(selected.contains)
                // One list for every host (a list per host would be quadratic in the fleet's size).
                let playHosts = Value.list(hosts.map(Value.string))
                // Each host's steps are built on every core: rendering them is most of validating.
                return (play, try ParallelMap.map(hosts) { host in
                    var variables = play.defaults
                    variables.merge(inventory.variables(of: host)) { $1 }
                    variables.merge(play.variables) { $1 }
                    variables.merge(extra.values) { $1 }
                    variables["play_hosts"] = playHosts
                    variables["ansible_play_hosts"] = playHosts
                    var origins = inventory.origins(of: host)
                    origins.merge(play.origins) { $1 }
                    origins.merge(extra.origins) { $1 }
                    return PendingHost(name: host, variables: variables,
                                       steps: try play.steps.map { try $0.instance(variables: variables, origins: origins) },
                                       handlers: try play.handlers.map { try $0.instance(variables: variables, origins: origins) })
                })
            }
            var warned = Set<String>()
            let sshConfig = SSHConfigLookup.file(given: options.connection.sshConfig)
            for (_, hosts) in prepared {
                for host in hosts {
                    for warning in try InventoryConnection.check(host.name, variables: host.variables, sshConfigFile: sshConfig) where warned.insert(warning).inserted {
                        FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
                    }
                }
                try AddressConflicts.check(hosts.map { ($0.name, $0.steps) })
                try ManagementAddressCheck.check(hosts.map { ($0.name, InventoryConnection.address(of: $0.name, variables: $0.variables), $0.steps) })
            }
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

    /// The run, connecting with the inventory's variables over `defaults`, retrying as `retry`
    /// says; a network change waits `confirmTimeout` seconds for its confirmation, and the apply
    /// `lockWait` seconds for another run's lock.
    func with(defaults: ConnectionSettings, retry: ConnectionRetry, confirmTimeout: Int = 60, lockWait: Int = 60) -> HostRun {
        let (target, settings) = InventoryConnection.resolve(name, variables: variables, defaults: defaults)
        var run = HostRun(host: name, steps: steps, handlers: handlers) {
            try await retry.connect { try await SSHTransport.connect(target, settings: settings) }
        }
        run.managementAddress = target.address
        run.confirmTimeout = confirmTimeout
        run.lockWait = lockWait
        return run
    }
}
