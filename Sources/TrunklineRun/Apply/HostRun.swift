import TrunklineEngine
import Foundation
import TrunklineCore

/// One host's check or apply: facts in one remote exec, a pure plan, and for apply the whole
/// plan as one detached script (upload and start in one exec, wait in another), then facts
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
    public init(host: String, steps: [StepInstance], handlers: [StepInstance] = [],
                connect: @escaping @Sendable () async throws -> any RemoteHost) {
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
    public static func gather(_ remote: any RemoteHost, needs: FactNeeds, managementAddress: String? = nil) async throws -> HostFacts {
        let (command, request) = FactsScript.command(for: needs)
        let output = try await remote.run(command)
        guard output.succeeded else {
            throw FactsScript.Unreadable(description: "gathering facts failed (\(output.endDescription)): \(output.stderrText)")
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
    private var needs: FactNeeds { Planner.needs(of: steps, handlers: handlers).union(FactNeeds(boot: true)) }

    private func plan() async -> HostOutcome {
        do {
            let remote = try await connect()
            let facts: HostFacts
            do {
                facts = try await Self.gather(remote, needs: needs, managementAddress: managementAddress)
                await remote.close()
            } catch {
                await remote.close()
                throw error
            }
            let plan = try Planner.plan(steps, handlers: handlers, facts: facts)
            var outcome = HostOutcome(host: host, steps: plan.map { StepOutcome(step: $0, status: $0.skipped ? .skipped : $0.changes.isEmpty ? .ok : .changed) })
            outcome.rebootPending = facts.boot?.pendingReason
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
        var remote: any RemoteHost
        do {
            remote = try await connect()
        } catch {
            return Self.failed(host, error)
        }
        do {
            let outcome = try await apply(runID: runID, on: &remote)
            await remote.close()
            return outcome
        } catch {
            await remote.close()
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
        for part in 1... {
            let facts = try await Self.gather(remote, needs: needs, managementAddress: managementAddress)
            let plan = try Planner.plan(pending.steps, handlers: pending.handlers, notified: pending.notified, facts: facts)
            let cut = plan.firstIndex { $0.reboot != nil } ?? plan.count
            let applied = try await apply(Array(plan[..<cut]), facts: facts, runID: part == 1 ? runID : "\(runID)-\(part)", on: &remote)
            outcome.merge(applied)
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
        let facts = try await Self.gather(remote, needs: needs, managementAddress: managementAddress)
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
            return Pending(steps: pending.steps.filter { $0.index > step.index }, handlers: pending.handlers, notified: notified)
        }
        let position = pending.handlers.firstIndex { $0.index == step.index } ?? pending.handlers.count - 1
        return Pending(steps: [], handlers: Array(pending.handlers[(position + 1)...]), notified: notified)
    }

    /// Applies `plan` (no reboot in it), planned against `facts`, in one script; the outcome of
    /// its steps.
    private func apply(_ plan: [PlannedStep], facts: HostFacts, runID: String, on remote: inout any RemoteHost) async throws -> HostOutcome {
        let changing = plan.filter { !$0.changes.isEmpty }
        guard !changing.isEmpty else {
            return HostOutcome(host: host, steps: plan.map { StepOutcome(step: $0, status: $0.skipped ? .skipped : .ok) })
        }
        let compiled = changing.map { ($0.index, $0.changes) }
        let confirm = ConfirmPolicy.forPlan(compiled, timeout: confirmTimeout)
        let preconditions = ApplyPreconditions(steps: compiled, facts: facts, lockWait: lockWait)
        let script = ApplyScript.compile(runID: runID, steps: compiled, confirm: confirm, preconditions: preconditions)
        let pid = try await start(script, runID: runID, on: remote)
        var (log, outputs) = try await waitForScript(runID: runID, pid: pid, remote: &remote)
        if let refusal = ScriptLog(log).refusal {
            return HostOutcome(host: host, steps: plan.map { StepOutcome(step: $0, status: $0.skipped || !$0.changes.isEmpty ? .skipped : .ok) },
                               failure: refusal)
        }
        var confirmation: Duration?
        if confirm != nil, ScriptLog(log).awaitsConfirmation {
            let started = ContinuousClock.now
            await remote.close()
            (log, remote) = try await confirmThroughNewConnection(runID: runID)
            confirmation = ContinuousClock.now - started
        }
        if let restored = ScriptLog(log).restoredStep {
            outputs[restored] = "(the files this step wrote or removed were put back as they were before it)\n" + (outputs[restored] ?? "")
        }
        var outcome = HostOutcome(host: host, steps: Self.outcomes(plan, log: log, outputs: outputs))
        if let reason = ScriptLog(log).rollbackReason {
            let cause = reason.hasPrefix("no confirmation") ? "not reachable at \(managementAddress ?? host) after the change (\(reason))" : reason
            outcome.failureKind = .rolledBack
            outcome.failure = cause + "; files, OVSDB, addresses and routes restored"
            outcome.rollback = try? await remote.run(RemoteCommand(["cat", "--", ApplyScript.runDirectory(runID) + "/rollback.log"])).stdoutText
        } else {
            outcome.confirmation = confirmation
        }
        return outcome
    }

    /// The proof that the host is still reachable after a network change: a new connection to
    /// its address confirms the change, which the host then keeps. Tried until the host has
    /// decided (it rolls back on its own when no confirmation arrives in time, and is then
    /// reachable again at its old address). Returns the final log and the open connection.
    private func confirmThroughNewConnection(runID: String) async throws -> (String, any RemoteHost) {
        let confirmer = """
            grep -q '^rolling back' "$1/log" || : > "$1/confirmed"
            i=0
            while ! grep -qE '^(confirmed|rolled back)' "$1/log"; do i=$((i + 1)); [ $i -gt 150 ] && break; sleep 0.1; done
            cat "$1/log"
            """
        let command = RemoteCommand(["sh", "-c", confirmer, "sh", ApplyScript.runDirectory(runID)], timeout: .seconds(30))
        let deadline = ContinuousClock.now + .seconds(confirmTimeout + 120)
        while ContinuousClock.now < deadline {
            do {
                let remote = try await connect()
                do {
                    let log = try await remote.run(command).stdoutText
                    if ScriptLog(log).decided { return (log, remote) }
                    await remote.close()
                } catch {
                    await remote.close()
                    throw error
                }
            } catch let failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
                try await Task.sleep(for: .seconds(1))
            }
        }
        throw ConnectionFailure(kind: .unreachable, host: managementAddress ?? host, message: "\(managementAddress ?? host) did not answer after the network change, "
            + "nor after the \(confirmTimeout) s in which the host rolls it back")
    }

    /// The outcome of a host that failed as a whole.
    private static func failed(_ host: String, _ error: Error) -> HostOutcome {
        var outcome = HostOutcome(host: host, steps: [], failure: "\(error)")
        let connection = error as? ConnectionFailure
        outcome.unreachable = connection.map { $0.kind != .operation } ?? false
        outcome.failureKind = connection.map { .connection($0.kind) } ?? .error
        return outcome
    }

    /// Uploads the script atomically into a private run directory (it may carry secret file
    /// contents) and starts it detached (`setsid`), in one exec; returns its process ID, by
    /// which the wait notices a script that died without finishing its log.
    private func start(_ script: String, runID: String, on remote: any RemoteHost) async throws -> Int {
        let launcher = """
            set -e
            umask 077
            mkdir -p "$1"
            chmod 700 "$1"
            cat > "$1/apply.sh.tmp"
            mv -f "$1/apply.sh.tmp" "$1/apply.sh"
            setsid sh "$1/apply.sh" > "$1/output" 2>&1 < /dev/null &
            echo "$!"
            """
        let output = try await remote.run(RemoteCommand(["sh", "-c", launcher, "sh", ApplyScript.runDirectory(runID)], stdin: Array(script.utf8)))
        guard output.succeeded, let pid = Int(output.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw HostRunFailure(description: "cannot start the apply script: \(output.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return pid
    }

    /// Waits until the script on the host has finished, in execs of at most 10 seconds each, so
    /// a connection that silently dies (a cut link sends no reset) is noticed within seconds; then
    /// reconnects and goes on waiting, until `applyTimeout`. The script itself never depends on
    /// the connection. Returns the log and the output of each failed step.
    private func waitForScript(runID: String, pid: Int, remote: inout any RemoteHost) async throws -> (String, [Int: String]) {
        let waiter = """
            i=0
            while ! grep -q '^finished' "$1/log" 2>/dev/null; do
              if ! kill -0 "$2" 2>/dev/null && ! grep -q '^finished' "$1/log" 2>/dev/null; then
                echo '@@gone'; tail -c 2000 "$1/output"; df -Pk "$1" 2>&1 | tail -n 1; exit 0
              fi
              i=$((i + 1)); [ $i -gt 100 ] && { echo '@@pending'; exit 0; }; sleep 0.1
            done
            cat "$1/log"
            for n in $(sed -n 's/^failed \\([0-9]*\\) .*/\\1/p' "$1/log"); do
              echo "@@out $n"; cat "$1/step-$n.out"
              [ -s "$1/step-$n.out" ] || { printf 'no output was kept; free space where the run is: '; df -Pk "$1" | awk 'NR == 2 { print $4 " KB" }'; }
            done
            """
        let command = RemoteCommand(["sh", "-c", waiter, "sh", ApplyScript.runDirectory(runID), String(pid)], timeout: .seconds(20))
        let deadline = ContinuousClock.now + applyTimeout
        var connected = true
        while ContinuousClock.now < deadline {
            do {
                if !connected {
                    remote = try await connect()
                    connected = true
                }
                let output = try await remote.run(command).stdoutText
                if output.hasPrefix("@@gone") {
                    throw HostRunFailure(description: "the apply script ended without finishing its log (a full disk?): "
                        + output.dropFirst("@@gone\n".count).split(separator: "\n").joined(separator: "; "))
                }
                if !output.hasPrefix("@@pending") { return Self.split(output) }
            } catch let failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
                if connected { await remote.close() }
                connected = false
                try await Task.sleep(for: .seconds(1))
            }
        }
        throw HostRunFailure(description: "the apply script did not finish within \(applyTimeout)")
    }

    private static func split(_ text: String) -> (String, [Int: String]) {
        var outputs: [Int: String] = [:]
        let parts = text.components(separatedBy: "@@out ")
        for part in parts.dropFirst() {
            let number = Int(part.prefix { $0.isNumber }) ?? 0
            outputs[number] = String(part.drop { $0 != "\n" }.dropFirst())
        }
        return (parts.first ?? "", outputs)
    }

    private static func outcomes(_ plan: [PlannedStep], log: String, outputs: [Int: String]) -> [StepOutcome] {
        let lines = Set(log.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") })
        var failed = false
        return plan.map { step in
            if step.skipped { return StepOutcome(step: step, status: .skipped) }
            if step.changes.isEmpty { return StepOutcome(step: step, status: failed ? .skipped : .ok) }
            if lines.contains("ok \(step.index)") { return StepOutcome(step: step, status: .changed) }
            if lines.contains("failed \(step.index)") {
                failed = true
                return StepOutcome(step: step, status: .failed, output: outputs[step.index])
            }
            return StepOutcome(step: step, status: .skipped)
        }
    }
}
