import Foundation
import TrunklineCore
import TrunklineEngine

/// One host's check or apply: facts in one remote exec, a pure plan, and for apply the whole
/// plan as one `DetachedScript` (upload and start in one exec, wait in another), then facts
/// again: the plan must now be empty, or the host did not converge. A plan with a reboot is
/// applied in parts: the steps before it in one script, the reboot (`HostRun+Reboot`), then
/// the steps after it planned against facts gathered afresh.
public struct HostRun: Sendable {
    /// The host's inventory name.
    public let host: String
    /// Its steps, built for it.
    public let steps: [StepInstance]
    /// The play's handlers, built for it.
    public let handlers: [StepInstance]
    /// How to (re)connect; used again if the connection drops while the script runs.
    public let connect: @Sendable () async throws -> any RemoteHost
    /// How long the apply script may run.
    public var applyTimeout: Duration = .seconds(1800)
    /// The address the host is reached at (`ansible_host`): a network change must leave it on
    /// the host, and the confirmation of such a change comes through a new connection to it.
    public var managementAddress: String?
    /// Seconds the host waits for the confirmation of a network change before rolling it back.
    public var confirmTimeout = 60
    /// Seconds the apply script waits for another run's lock on the host before it gives up.
    public var lockWait = 60
    /// The connections and commands this run has used.
    public let usage = RemoteUsage()

    /// Creates a run.
    public init(
        host: String, steps: [StepInstance], handlers: [StepInstance] = [],
        connect: @escaping @Sendable () async throws -> any RemoteHost
    ) {
        self.host = host
        self.steps = steps
        self.handlers = handlers
        let usage = usage
        self.connect = {
            let remote = try await connect()
            usage.connected()
            return CountedRemoteHost(remote, usage: usage)
        }
    }

    /// `outcome` with the connections and commands used since `start`.
    private func counted(_ outcome: HostOutcome, since start: (connections: Int, execs: Int)) -> HostOutcome {
        var outcome = outcome
        let now = usage.snapshot
        outcome.connections = now.connections - start.connections
        outcome.execs = now.execs - start.execs
        return outcome
    }

    /// Gathers the facts the steps need, in one remote exec.
    public static func gather(
        _ remote: any RemoteHost, needs: FactNeeds, managementAddress: String? = nil
    ) async throws -> HostFacts {
        let (command, request) = FactsScript.command(for: needs)
        return try facts(from: try await remote.run(command), request: request, managementAddress: managementAddress)
    }

    /// The facts in the output of the facts command made for `request`.
    static func facts(
        from output: CommandOutput, request: FactsScript.Request, managementAddress: String?
    ) throws -> HostFacts {
        guard output.succeeded else {
            throw FactsScript.Unreadable(
                description: "gathering facts failed (\(output.endDescription)): \(output.stderrText)")
        }
        var facts = try FactsScript.parse(output.stdoutText, request: request)
        facts.managementAddress = managementAddress
        return facts
    }

    /// The plan, without changing anything.
    public func check() async -> HostOutcome {
        let start = usage.snapshot
        return counted(await plan(), since: start)
    }

    /// What the steps and handlers need, and the boot state for reboots and "reboot pending".
    private var needs: FactNeeds {
        Planner.needs(of: steps, handlers: handlers).union(FactNeeds(facts: [BootState.self]))
    }

    /// The facts `needs` asks for, gathered on `remote`, with how long the exec took.
    private func timedGather(_ remote: any RemoteHost) async throws -> (HostFacts, Duration) {
        let started = ContinuousClock.now
        let facts = try await Self.gather(remote, needs: needs, managementAddress: managementAddress)
        return (facts, ContinuousClock.now - started)
    }

    private func plan() async -> HostOutcome {
        do {
            let (facts, took) = try await withConnection(connect) { remote in try await timedGather(remote) }
            let plan = try Planner.plan(steps, handlers: handlers, facts: facts)
            var outcome = HostOutcome(
                host: host,
                steps: plan.map {
                    StepOutcome(step: $0, status: $0.skipped ? .skipped : $0.changes.isEmpty ? .ok : .changed)
                })
            outcome.rebootPending = facts.boot?.pendingReason
            outcome.timings.facts = [took]
            return outcome
        } catch {
            return Self.failed(host, error)
        }
    }

    /// Plans, applies the plan in one script, and verifies that nothing is left to change.
    public func apply(runID: String) async -> HostOutcome {
        let start = usage.snapshot
        return counted(await converge(runID: runID), since: start)
    }

    private func converge(runID: String) async -> HostOutcome {
        do {
            return try await withConnection(connect) { remote in try await apply(runID: runID, on: &remote) }
        } catch {
            return Self.failed(host, error)
        }
    }

    /// The steps and handlers still to plan, and the handlers notified so far.
    private struct Pending {
        var steps: [StepInstance]
        var handlers: [StepInstance]
        var notified: Set<String> = []
    }

    /// Applies the plan part by part, cut at each reboot, then verifies the whole.
    private func apply(runID: String, on remote: inout any RemoteHost) async throws -> HostOutcome {
        var pending = Pending(steps: steps, handlers: handlers)
        var outcome = HostOutcome(host: host, steps: [])
        var after: HostFacts?
        for part in 1... {
            let (facts, took) = try await timedGather(remote)
            outcome.timings.facts.append(took)
            let plan = try Planner.plan(
                pending.steps, handlers: pending.handlers, notified: pending.notified, facts: facts)
            let cut = plan.firstIndex { $0.reboot != nil } ?? plan.count
            let applied = try await apply(
                Array(plan[..<cut]), facts: facts, runID: part == 1 ? runID : "\(runID)-\(part)", on: &remote)
            outcome.merge(applied.outcome)
            after = applied.factsAfter
            guard !outcome.failed, cut < plan.count, let request = plan[cut].reboot else { break }
            do {
                remote = try await reboot(request, from: facts.boot?.bootID, replacing: remote)
                outcome.steps.append(StepOutcome(step: plan[cut], status: .changed))
            } catch {
                outcome.steps.append(StepOutcome(step: plan[cut], status: .failed, output: "\(error)\n"))
                outcome.failure = "\(error)"
                return outcome
            }
            pending = remaining(after: plan[cut], in: pending, plan: plan)
        }
        guard !outcome.failed else { return outcome }
        var facts: HostFacts
        if let after {
            facts = after
        } else {
            let took: Duration
            (facts, took) = try await timedGather(remote)
            outcome.timings.facts.append(took)
        }
        outcome.remaining = try Planner.plan(steps, facts: facts).filter { !$0.changes.isEmpty && !$0.alwaysChanges }
        outcome.rebootPending = facts.boot?.pendingReason
        return outcome
    }

    /// What is left to plan after the reboot `step` of `plan`: the steps after it (and every
    /// handler) if it is a step, the handlers after it if it is a handler; with the handlers
    /// that the changing steps of `plan` have notified.
    private func remaining(after step: PlannedStep, in pending: Pending, plan: [PlannedStep]) -> Pending {
        let changed = Set(plan.filter { !$0.isHandler && !$0.changes.isEmpty }.map(\.index))
        let notified = pending.notified.union(pending.steps.filter { changed.contains($0.index) }.flatMap(\.notify))
        guard step.isHandler else {
            return Pending(
                steps: pending.steps.filter { $0.index > step.index }, handlers: pending.handlers, notified: notified)
        }
        let position = pending.handlers.firstIndex { $0.index == step.index } ?? pending.handlers.count - 1
        return Pending(steps: [], handlers: Array(pending.handlers[(position + 1)...]), notified: notified)
    }

    /// Applies `plan` (no reboot in it), planned against `facts`, in one script; the outcome of
    /// its steps, and the facts gathered in the same exec once the script finished (the same
    /// facts if nothing changed; nil if they could not be read that way).
    private func apply(
        _ plan: [PlannedStep], facts: HostFacts, runID: String,
        on remote: inout any RemoteHost
    ) async throws -> (outcome: HostOutcome, factsAfter: HostFacts?) {
        let changing = plan.filter { !$0.changes.isEmpty }
        guard !changing.isEmpty else {
            return (
                HostOutcome(host: host, steps: plan.map { StepOutcome(step: $0, status: $0.skipped ? .skipped : .ok) }),
                facts
            )
        }
        let compiled = changing.map { ($0.index, $0.changes) }
        let confirm = ConfirmPolicy.forPlan(compiled, timeout: confirmTimeout)
        let preconditions = ApplyPreconditions(steps: compiled, facts: facts, lockWait: lockWait)
        let script = ApplyScript.compile(runID: runID, steps: compiled, confirm: confirm, preconditions: preconditions)
        let (factsCommand, request) = FactsScript.command(for: needs)
        let detached = DetachedScript(runID: runID, connect: connect, timeout: applyTimeout, facts: factsCommand)
        let started = ContinuousClock.now
        let ending = try await detached.run(script, remote: &remote)
        let took = ContinuousClock.now - started
        var (log, outputs) = (ending.log, ending.outputs)
        if let refusal = log.refusal {
            var refused = HostOutcome(
                host: host,
                steps: plan.map { StepOutcome(step: $0, status: $0.skipped || !$0.changes.isEmpty ? .skipped : .ok) },
                failure: refusal)
            refused.timings.apply = [took]
            return (refused, nil)
        }
        let factsAfter = try? ending.factsOutput.map {
            try Self.facts(from: $0, request: request, managementAddress: managementAddress)
        }
        var confirmation: Duration?
        if let confirm, log.awaitsConfirmation {
            let started = ContinuousClock.now
            await remote.close()
            let confirmer = NetworkConfirmation(
                runID: runID, connect: connect, timeout: confirm.timeout, address: managementAddress ?? host)
            (log, remote) = try await confirmer.confirm()
            confirmation = ContinuousClock.now - started
        }
        if let restored = log.restoredStep {
            outputs[restored] =
                "(the files this step wrote or removed were put back as they were before it)\n"
                + (outputs[restored] ?? "")
        }
        var outcome = HostOutcome(host: host, steps: Self.outcomes(plan, log: log, outputs: outputs))
        outcome.reconnects = ending.reconnects
        outcome.timings.apply = [took]
        if let reason = log.rollbackReason {
            let cause =
                reason.hasPrefix("no confirmation")
                ? "not reachable at \(managementAddress ?? host) after the change (\(reason))" : reason
            outcome.failureKind = .rolledBack
            outcome.failure = cause + "; files, OVSDB, addresses and routes restored"
            outcome.rollback = try? await remote.run(
                RemoteCommand(["cat", "--", ApplyScript.runDirectory(runID) + "/rollback.log"])
            ).stdoutText
        } else {
            outcome.confirmation = confirmation
        }
        return (outcome, factsAfter)
    }

    /// The outcome of a host that failed as a whole.
    private static func failed(_ host: String, _ error: Error) -> HostOutcome {
        var outcome = HostOutcome(host: host, steps: [], failure: "\(error)")
        let connection = error as? ConnectionFailure
        outcome.unreachable = connection.map { $0.kind != .operation } ?? false
        outcome.failureKind = connection.map { .connection($0.kind) } ?? .error
        return outcome
    }

    /// Each step's outcome as the log tells it: a step after a failed one did not run.
    private static func outcomes(_ plan: [PlannedStep], log: ApplyLog, outputs: [Int: String]) -> [StepOutcome] {
        var failed = false
        return plan.map { step in
            if step.skipped { return StepOutcome(step: step, status: .skipped) }
            if step.changes.isEmpty { return StepOutcome(step: step, status: failed ? .skipped : .ok) }
            if log.succeeded(step.index) {
                return StepOutcome(step: step, status: .changed, seconds: log.seconds(step.index))
            }
            if log.failed(step.index) {
                failed = true
                return StepOutcome(
                    step: step, status: .failed, output: outputs[step.index], seconds: log.seconds(step.index))
            }
            return StepOutcome(step: step, status: .skipped)
        }
    }
}
