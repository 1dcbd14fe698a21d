import ArgumentParser
import Foundation
import TrunklineCore
import TrunklinePlaybook
import TrunklineRun

/// How a run rolls out over the fleet: batches, the failure budget, connection retries and
/// where the run's record goes.
struct RolloutOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Batches: a count, a percentage or a list (1,5,25%,100%); the last entry repeats. Overrides a play's serial:.",
            valueName: "batches"))
    var serial: String?

    @Option(
        help: ArgumentHelp(
            "Stop before the next batch when more than this percentage of a batch failed (default 0: any failure). Overrides a play's max_fail_percentage:.",
            valueName: "percent"))
    var maxFailPercentage: Double?

    @Option(
        help: ArgumentHelp(
            "Seconds a host waits, after a change to its network, for the confirmation that comes through a new connection; without it the host rolls the change back (default 60). Overrides a play's confirm_timeout:.",
            valueName: "seconds"))
    var confirmTimeout: Int?

    @Option(
        help: ArgumentHelp(
            "Seconds an apply waits for another Trunkline run on the same host to finish (the host's /var/lib/trunkline/lock) before that host fails (default 60).",
            valueName: "seconds"))
    var lockTimeout: Int = 60

    @Option(
        help:
            "Retries of a connection that fails for want of the network (unreachable, timeout), with backoff from 1 s; never of a failed step."
    )
    var retries: Int = 0

    @Option(
        help: ArgumentHelp(
            "Where runs are recorded (default $XDG_STATE_HOME/trunkline/runs, else ~/.local/state/trunkline/runs).",
            valueName: "directory"))
    var runsDir: String?

    @Option(
        help: ArgumentHelp(
            "Earlier runs' directories kept at most (default 100; the oldest go first).", valueName: "count"))
    var keepRuns = RunRetention.standard.count

    @Option(help: ArgumentHelp("Days after which a run's directory is removed (default 90).", valueName: "days"))
    var keepRunsDays = RunRetention.standard.days

    mutating func validate() throws {
        if let serial {
            do { _ = try SerialSpec(parsing: serial) } catch let error as SerialSpecError {
                throw ValidationError("--serial: \(error)")
            }
        }
        if let maxFailPercentage, !(0...100).contains(maxFailPercentage) {
            throw ValidationError("--max-fail-percentage must be from 0 to 100")
        }
        guard (0...20).contains(retries) else { throw ValidationError("--retries must be from 0 to 20") }
        if let confirmTimeout, !(5...3600).contains(confirmTimeout) {
            throw ValidationError("--confirm-timeout must be from 5 to 3600 seconds")
        }
        guard (0...3600).contains(lockTimeout) else {
            throw ValidationError("--lock-timeout must be from 0 to 3600 seconds")
        }
        guard keepRuns >= 1 else { throw ValidationError("--keep-runs must be at least 1") }
        guard keepRunsDays >= 1 else { throw ValidationError("--keep-runs-days must be at least 1") }
    }

    /// The settings these flags give.
    var settings: RolloutSettings {
        RolloutSettings(
            serial: serial.flatMap { try? SerialSpec(parsing: $0) }, maxFailPercentage: maxFailPercentage,
            confirmTimeout: confirmTimeout,
            lockTimeout: lockTimeout, retries: retries, runsDirectory: runsDir ?? StatePaths.stateDirectory + "/runs",
            runsDirectoryGiven: runsDir != nil, retention: RunRetention(count: keepRuns, days: keepRunsDays))
    }
}
