import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("Planning a host's steps")
struct PlannerTests {
    func instance(
        _ index: Int, _ kind: some StepKind, when: String? = nil, notify: [String] = [], name: String = "step"
    ) throws -> StepInstance {
        StepInstance(
            index: index, name: name, kind: kind, location: StepHarness.location,
            condition: try when.map {
                try Condition($0, variables: ["legacy": .bool(false)], at: StepHarness.location)
            }, notify: notify)
    }

    @Test("a later step plans against the file an earlier step writes")
    func composes() throws {
        let write = try StepHarness.step(FileStep.self, ["path": .string("/etc/a.conf"), "content": .string("x=1\n")])
        let edit = try StepHarness.step(LinesStep.self, ["path": .string("/etc/a.conf"), "set": .map(["y": .int(2)])])
        let plan = try Planner.plan([instance(1, write), instance(2, edit)], facts: StepHarness.facts())
        #expect(plan[1].changes.count == 1)
        #expect(plan[1].changes[0].diff.contains("+y=2"))
        #expect(plan[1].changes[0].diff.contains(" x=1"))
    }

    @Test("when: evaluates facts and variables; a false condition skips the step")
    func conditions() throws {
        let step = try StepHarness.step(LinesStep.self, ["path": .string("/etc/b"), "lines": .list([.string("x")])])
        let debianOnly = try instance(1, step, when: "os_family == \"debian\" and not legacy")
        #expect(try Planner.plan([debianOnly], facts: StepHarness.facts(family: .debian))[0].skipped == false)
        #expect(try Planner.plan([debianOnly], facts: StepHarness.facts(family: .rhel))[0].skipped == true)
        #expect(throws: InputError.self) { try instance(1, step, when: "os_family ==") }
    }

    @Test("handlers run once, after the steps, in written order, only when a changing step notified them")
    func handlers() throws {
        let change = try StepHarness.step(LinesStep.self, ["path": .string("/etc/c"), "lines": .list([.string("x")])])
        let restart = try StepHarness.step(
            CommandStep.self, ["argv": .list([.string("systemctl"), .string("restart"), .string("x")])])
        let reload = try StepHarness.step(CommandStep.self, ["argv": .list([.string("true")])])
        let steps = [
            try instance(1, change, notify: ["restart x", "reload"]), try instance(2, change, notify: ["restart x"]),
        ]
        let handlers = [
            try instance(3, reload, name: "reload"), try instance(4, restart, name: "restart x"),
            try instance(5, reload, name: "unused"),
        ]
        let plan = try Planner.plan(steps, handlers: handlers, facts: StepHarness.facts())
        #expect(plan.map(\.name) == ["step", "step", "reload", "restart x"])
        #expect(plan.filter(\.isHandler).count == 2)
        let converged = try Planner.plan(steps, handlers: handlers, facts: StepHarness.facts(files: ["/etc/c": "x\n"]))
        #expect(converged.map(\.name) == ["step", "step"])
    }
}
