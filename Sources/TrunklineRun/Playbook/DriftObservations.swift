import TrunklineEngine
import TrunklineReporting

/// What a check-mode run saw, as drift: per host (over all plays) in sync, drifted (the steps
/// that would change, but not a `command` that changes on every run by design) with the steps
/// found in sync, unreachable or failed with the reason; hosts the run never reached count as
/// unreachable. A pending reboot (the kernel runs another command line than the next boot
/// gives, or a blacklisted module is loaded) is a drift of its own, `boot: reboot pending`, so
/// the history tracks it like a step: since when, new, resolved.
public enum DriftObservations {
    public static func from(_ result: RunResult) -> [HostObservation] {
        var observations: [String: HostObservation] = [:]
        for (play, outcomes) in result.plays {
            for outcome in outcomes {
                var observation = observations[outcome.host] ?? HostObservation(host: outcome.host, status: .inSync)
                merge(outcome, play: play, into: &observation)
                observations[outcome.host] = observation
            }
        }
        for host in result.notReached where observations[host] == nil {
            observations[host] = HostObservation(
                host: host, status: .unreachable,
                reason: result.interrupted ? "not reached: the run was interrupted" : "not reached")
        }
        return result.hosts.compactMap { observations[$0] }
    }

    private static func merge(_ outcome: HostOutcome, play: String, into observation: inout HostObservation) {
        if outcome.failed {
            observation.status = outcome.unreachable ? .unreachable : .failed
            observation.reason = outcome.reason
            return
        }
        let drifts = outcome.steps.filter { $0.status == .changed && !$0.step.alwaysChanges }.map { step in
            StepDrift(
                play: play, index: step.step.index, kind: step.step.kind, name: step.step.name,
                changes: step.step.changes.map { DriftChange(summary: $0.summary, diff: $0.diff) })
        }
        observation.drifts += drifts
        if let pending = outcome.rebootPending, !observation.drifts.contains(where: \.isRebootPending) {
            observation.drifts.append(.rebootPending(play: play, reason: pending))
        }
        observation.inSyncSteps += outcome.steps.filter {
            $0.status == .ok || ($0.status == .changed && $0.step.alwaysChanges)
        }.map { step in
            CheckedStep(play: play, index: step.step.index, kind: step.step.kind, name: step.step.name)
        }
        if observation.status == .inSync, !observation.drifts.isEmpty { observation.status = .drifted }
    }
}
