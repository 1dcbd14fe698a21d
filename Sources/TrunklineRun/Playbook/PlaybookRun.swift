import Foundation
import TrunklineCore
import TrunklineTransport

/// A check, apply or drift run over prepared plays: each play rolls out over its hosts in
/// batches, at most `forks` at a time. A host that failed in a play is not run in the plays
/// after it. The run is recorded in its run directory (`hosts/HOST.log`, `result.json`).
public struct PlaybookRun: Sendable {
    /// The plays, each with its hosts' steps built.
    public let plays: [PreparedPlay]
    /// The connection settings under each host's inventory variables.
    public let connection: ConnectionSettings
    /// Batches, budgets, waits and the runs directory.
    public let rollout: RolloutSettings
    /// Hosts in flight at most.
    public let forks: Int

    /// A run of `plays`.
    public init(plays: [PreparedPlay], connection: ConnectionSettings, rollout: RolloutSettings, forks: Int) {
        self.plays = plays
        self.connection = connection
        self.rollout = rollout
        self.forks = forks
    }

    /// Runs every play in `mode`, telling `observer` as hosts finish; `control` stops it early
    /// (a signal). Throws an `InputError` if the run directory cannot be made.
    public func execute(
        _ mode: RunMode, observer: any RunObserver, control: RolloutControl = RolloutControl()
    ) async throws -> RunResult {
        let runID = Self.runID()
        let directory = try RunDirectory(runs: rollout.runsDirectory, runID: runID, given: rollout.runsDirectoryGiven)
        rollout.retention.prune(rollout.runsDirectory, current: runID)
        let retry = ConnectionRetry(retries: rollout.retries)
        var results: [(name: String, outcomes: [HostOutcome])] = [], notReached: [String] = [],
            stopReasons: [String] = []
        var failedHosts = Set<String>(), unreached = Set<String>()
        for prepared in plays {
            let play = prepared.play
            observer.play(play.name)
            let runs = prepared.hosts.filter { !failedHosts.contains($0.name) }.map {
                $0.with(
                    defaults: connection, retry: retry, confirmTimeout: rollout.confirmTimeout(for: play),
                    lockWait: rollout.lockTimeout)
            }
            let plan = Rollout(
                serial: rollout.serial(for: play), maxFailPercentage: rollout.maxFailPercentage(for: play), forks: forks
            )
            let result = await plan.run(
                runs, control: control,
                events: { event in
                    observer.event(event)
                    if case .hostFinished(let outcome) = event {
                        try? directory.log(
                            host: outcome.host, lines: ["PLAY [\(play.name)]"] + observer.logLines(outcome))
                    }
                }
            ) { run in
                mode == .apply ? await run.apply(runID: runID) : await run.check()
            }
            results.append((play.name, result.outcomes))
            failedHosts.formUnion(result.outcomes.filter(\.failed).map(\.host))
            notReached += result.notReached.filter { unreached.insert($0).inserted }
            if let reason = result.stopReason { stopReasons.append("play '\(play.name)': \(reason)") }
        }
        let result = RunResult(
            runID: runID, directory: directory, hosts: selectedHosts(), plays: results, notReached: notReached,
            stopReasons: stopReasons, interrupted: control.stopReason != nil)
        try directory.write("result.json", Array(result.json(mode: mode)))
        return result
    }

    /// Every selected host, once, in inventory order.
    private func selectedHosts() -> [String] {
        var seen = Set<String>(), hosts: [String] = []
        for name in plays.flatMap({ $0.hosts.map(\.name) }) where seen.insert(name).inserted { hosts.append(name) }
        return hosts
    }

    /// `YYYYMMDDTHHMMSSZ-xxxx`, naming the run's directory and backups on every host.
    static func runID() -> String {
        RunTimestamp.text(Date()) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }
}
