import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklinePlaybook
@testable import TrunklineRun

@Suite("A host's check and apply, over a scripted transport")
struct HostRunTests {
    static let facts =
        "@@os\nID=debian\nVERSION_ID=12\n@@hostname\nhv01\n@@interfaces\neth0\n@@netsys\nifupdown\n@@file 0\nabsent\n"

    func run(log: String) throws -> (HostRun, ScriptedHost) {
        let host = ScriptedHost(facts: Self.facts, log: log)
        let step = try StepHarness.step(FileStep.self, ["path": .string("/etc/a.conf"), "content": .string("x\n")])
        let run = HostRun(
            host: "hv01", steps: [StepInstance(index: 1, name: "a", kind: step, location: StepHarness.location)]
        ) { host }
        return (run, host)
    }

    @Test("check is one exec, and reports the pending change")
    func check() async throws {
        let (run, host) = try run(log: "")
        let outcome = await run.check()
        #expect(host.commands.count == 1)
        #expect(outcome.steps.map(\.status) == [.changed])
        #expect(!outcome.failed)
        #expect(outcome.timings.facts.count == 1 && outcome.timings.apply.isEmpty, "check times its one facts exec")
    }

    @Test(
        "apply is two execs (facts; upload, start, wait and facts again); facts that did not change mean 'did not converge'"
    )
    func didNotConverge() async throws {
        let (run, host) = try run(log: "start 1 1000.25\nok 1 1002.50\nfinished\n")
        let outcome = await run.apply(runID: "20261122T000000Z-test")
        #expect(outcome.steps.map(\.seconds) == [2.25], "the step's time is its start and end in the host's log")
        #expect(host.commands.count == 2)
        #expect(host.commands[1].argv[4] == "/var/lib/trunkline/runs/20261122T000000Z-test")
        #expect(
            host.commands[1].argv.last?.contains("@@os") == true,
            "the facts command runs in the same exec, after the script")
        #expect(String(decoding: host.commands[1].stdin, as: UTF8.self).contains("tl_write /etc/a.conf 644 root root"))
        #expect(outcome.steps.map(\.status) == [.changed])
        #expect(outcome.remaining.map(\.name) == ["a"])
        #expect(outcome.failed)
        #expect(
            outcome.timings.facts.count == 1 && outcome.timings.apply.count == 1,
            "one facts exec before the plan, one script (whose exec gathers the facts after it)")
    }

    @Test("a failed step is reported with its output")
    func failedStep() async throws {
        let (run, _) = try run(
            log: "start 1\nfailed 1 2\nfinished\n@@out 1\nmv: cannot move: No space left on device\n")
        let outcome = await run.apply(runID: "r")
        #expect(outcome.steps.map(\.status) == [.failed])
        #expect(outcome.steps[0].output == "mv: cannot move: No space left on device\n")
        #expect(outcome.remaining.isEmpty)
    }

    @Test(
        "a hostile host's facts (garbage, binary, a cut answer) fail that host with a clear reason, never a crash or an empty plan",
        arguments: [
            "\u{0}\u{1}\u{FF}binary\n", String(repeating: "@@file 0\n", count: 1000),
            "@@os\nID=debian\n@@file 0\n644 root root\n!!!notbase64\n",
            Self.facts.replacingOccurrences(of: "@@file 0\nabsent\n", with: ""), "",
        ])
    func hostileFacts(_ answer: String) async throws {
        let host = ScriptedHost(facts: answer, log: "")
        let step = try StepHarness.step(FileStep.self, ["path": .string("/etc/a.conf"), "content": .string("x\n")])
        let run = HostRun(
            host: "hv01", steps: [StepInstance(index: 1, name: "a", kind: step, location: StepHarness.location)]
        ) { host }
        let outcome = await run.apply(runID: "r")
        #expect(outcome.failed)
        #expect(outcome.failure?.isEmpty == false, "\(outcome)")
        #expect(host.commands.count == 1, "nothing may be started on a host whose facts cannot be read")
    }
}
