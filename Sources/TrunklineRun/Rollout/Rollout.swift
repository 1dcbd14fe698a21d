import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklinePlaybook

/// Runs a play's hosts in batches, at most `forks` at once: a batch starts only when the one
/// before it is done and its failures (failed or unreachable hosts) are within the failure
/// budget; no host starts after the control is stopped.
public struct Rollout: Sendable {
    /// How the hosts are split into batches.
    public var serial: SerialSpec?
    /// Failures above this percentage of a batch stop the rollout (0: any failure stops it).
    public var maxFailPercentage: Double
    /// How many hosts are in flight at once.
    public var forks: Int

    /// Creates a rollout.
    public init(serial: SerialSpec?, maxFailPercentage: Double, forks: Int) {
        self.serial = serial
        self.maxFailPercentage = maxFailPercentage
        self.forks = forks
    }

    /// Runs `work` for each host, batch after batch.
    public func run(
        _ hosts: [HostRun], control: RolloutControl,
        events: @escaping @Sendable (RolloutEvent) async -> Void,
        work: @escaping @Sendable (HostRun) async -> HostOutcome
    ) async -> RolloutResult {
        let batches = serial?.batches(hosts) ?? (hosts.isEmpty ? [] : [hosts])
        var result = RolloutResult(outcomes: [], notReached: [], stopReason: nil)
        for (number, batch) in batches.enumerated() {
            if let reason = result.stopReason ?? control.stopReason {
                result.stopReason = reason
                result.notReached += batch.map(\.host)
                continue
            }
            await events(.batchStarted(number: number + 1, of: batches.count, hosts: batch.map(\.host)))
            let outcomes = await BoundedParallelism.map(
                batch, limit: forks, shouldStart: { control.stopReason == nil },
                onResult: { _, outcome in await events(.hostFinished(outcome)) }
            ) { host in
                await events(.hostStarted(host.host))
                return await work(host)
            }
            result.outcomes += outcomes.compactMap { $0 }
            result.notReached += zip(batch, outcomes).filter { $0.1 == nil }.map(\.0.host)
            result.stopReason =
                control.stopReason ?? budgetExceeded(outcomes.compactMap { $0 }, batch: number + 1, of: batches.count)
        }
        return result
    }

    /// Why the rollout stops after this batch, if its failures exceed the budget.
    private func budgetExceeded(_ outcomes: [HostOutcome], batch: Int, of count: Int) -> String? {
        guard batch < count, !outcomes.isEmpty else { return nil }
        let failed = outcomes.filter(\.failed).count
        let percent = Double(failed) * 100 / Double(outcomes.count)
        guard percent > maxFailPercentage else { return nil }
        return "batch \(batch) of \(count): \(failed) of \(outcomes.count) hosts failed (\(Int(percent.rounded()))%), "
            + "more than the failure budget of \(String(format: "%g", maxFailPercentage))%; no further batch started"
    }
}
