import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklinePlaybook
@testable import TrunklineRun

/// The `reboot` step and handler, the boot facts, and "reboot pending".
@Suite("Reboots")
struct RebootTests {
    static func file() throws -> StepInstance {
        let step = try StepHarness.step(FileStep.self, ["path": .string("/etc/a.conf"), "content": .string("x\n")])
        return StepInstance(index: 1, name: "a", kind: step, location: StepHarness.location, notify: ["reboot"])
    }

    static func handler(_ values: [String: Value] = ["reboot_timeout": .int(10)]) throws -> StepInstance {
        StepInstance(
            index: 1, name: "reboot", kind: try StepHarness.step(RebootStep.self, values),
            location: StepHarness.location)
    }

    @Test(
        "a notified reboot handler reboots once, waits for a new boot id, runs test_command, and the run goes on and verifies"
    )
    func handlerReboots() async throws {
        let host = RebootingHost()
        let run = HostRun(host: "hv01", steps: [try Self.file()], handlers: [try Self.handler()]) { try host.connect() }
        let outcome = await run.apply(runID: "r")
        #expect(outcome.steps.map(\.status) == [.changed, .changed], "\(outcome)")
        #expect(outcome.steps.map(\.step.kind) == ["file", "reboot"])
        #expect(host.reboots == 1)
        #expect(host.commands.contains { $0.hasPrefix("cat /proc/sys/kernel/random/boot_id") })
        #expect(host.commands.last?.contains("@@boot") == true, "the run ends with facts gathered after the reboot")
        #expect(outcome.failure == nil)
    }

    @Test("check mode says it would reboot and never reboots")
    func checkNeverReboots() async throws {
        let host = RebootingHost()
        let run = HostRun(host: "hv01", steps: [try Self.file()], handlers: [try Self.handler()]) { try host.connect() }
        let outcome = await run.check()
        #expect(outcome.steps.map(\.status) == [.changed, .changed])
        #expect(
            outcome.steps[1].step.changes.first?.summary
                == "reboot, and wait up to 10 s for the host to answer with a new boot id")
        #expect(host.reboots == 0)
        #expect(host.commands.count == 1)
    }

    @Test("a handler nobody notified does not reboot")
    func unnotified() async throws {
        let host = RebootingHost()
        let step = try StepHarness.step(FileStep.self, ["path": .string("/etc/a.conf"), "state": .string("absent")])
        let run = HostRun(
            host: "hv01",
            steps: [StepInstance(index: 1, name: "a", kind: step, location: StepHarness.location, notify: ["reboot"])],
            handlers: [try Self.handler()]
        ) { try host.connect() }
        let outcome = await run.apply(runID: "r")
        #expect(outcome.steps.map(\.status) == [.ok])
        #expect(host.reboots == 0)
    }

    @Test("a host that does not come back fails after reboot_timeout with that reason")
    func neverBack() async throws {
        let host = RebootingHost(heldDown: true)
        let run = HostRun(host: "hv01", steps: [try Self.file()], handlers: [try Self.handler()]) { try host.connect() }
        let outcome = await run.apply(runID: "r")
        #expect(outcome.failure == "did not come back within 10 s after reboot")
        #expect(outcome.steps.map(\.status) == [.changed, .failed])
        #expect(outcome.failed)
    }

    @Test("a failing test_command fails the host after it is back")
    func testCommandFails() async throws {
        let host = RebootingHost(testStatus: 1)
        let run = HostRun(
            host: "hv01", steps: [try Self.file()],
            handlers: [try Self.handler(["test_command": .string("systemctl is-system-running")])]
        ) {
            try host.connect()
        }
        let outcome = await run.apply(runID: "r")
        #expect(
            outcome.failure?.hasPrefix("the host came back after reboot, but test_command failed") == true,
            "\(outcome.failure ?? "")")
    }

    @Test("a reboot step in the middle: the steps after it are planned against facts gathered after the boot")
    func rebootStepInTheMiddle() async throws {
        let host = RebootingHost()
        let reboot = StepInstance(
            index: 2, name: "reboot", kind: try StepHarness.step(RebootStep.self, ["reboot_timeout": .int(10)]),
            location: StepHarness.location)
        let later = StepInstance(
            index: 3, name: "b",
            kind: try StepHarness.step(FileStep.self, ["path": .string("/etc/a.conf"), "content": .string("x\n")]),
            location: StepHarness.location)
        let run = HostRun(host: "hv01", steps: [try Self.file(), reboot, later]) { try host.connect() }
        let outcome = await run.apply(runID: "r")
        #expect(outcome.steps.map(\.step.index) == [1, 2, 3])
        #expect(host.reboots == 1)
        let facts = host.commands.indices.filter { host.commands[$0].contains("@@boot") }
        let rebooted = try #require(host.commands.firstIndex { $0.contains("systemctl reboot") })
        #expect(facts.contains { $0 > rebooted }, "facts are gathered again after the reboot")
    }

    @Test(
        "reboot arguments are checked",
        arguments: [
            ["reboot_timeout": Value.int(5)], ["pre_reboot_delay": .string("soon")], ["msg": .string("a\nb")],
            ["when": .bool(true)],
        ])
    func badArguments(_ values: [String: Value]) {
        #expect(throws: InputError.self) { try StepHarness.step(RebootStep.self, values) }
    }

    @Test("boot facts: the running and next command lines and blacklisted modules say whether a reboot is pending")
    func pending() {
        let stock = BootState.parse(
            boot: [
                "id", "BOOT_IMAGE=/boot/vmlinuz-6.1 root=UUID=x ro quiet",
                "grub /boot/vmlinuz-6.1 root=UUID=x ro quiet $vt_handoff", "",
            ], modules: [""])
        #expect(stock.pendingReason == nil)
        let grub = BootState.parse(
            boot: ["id", "BOOT_IMAGE=/vmlinuz ro quiet", "grub /vmlinuz ro net.ifnames=0 biosdevname=0", ""],
            modules: ["bridge"])
        #expect(
            grub.pendingReason
                == "kernel command line differs (next boot adds net.ifnames=0 biosdevname=0; drops quiet); module bridge is blacklisted but loaded"
        )
        let grubby = BootState.parse(
            boot: ["id", "BOOT_IMAGE=/vmlinuz-3.10 ro crashkernel=auto", "grubby ro crashkernel=auto ipv6.disable=1"],
            modules: [])
        #expect(grubby.pendingReason == "kernel command line differs (next boot adds ipv6.disable=1)")
        let unreadable = BootState.parse(boot: ["id", "ro quiet", ""], modules: [])
        #expect(unreadable.next == nil && unreadable.pendingReason == nil)
    }

    @Test("the facts script's boot section is what the parser reads")
    func factsSection() throws {
        let (command, request) = FactsScript.command(for: FactNeeds(facts: [BootState.self]))
        #expect(command.argv[2].contains("/proc/sys/kernel/random/boot_id"))
        let facts = try FactsScript.parse(
            "@@os\nID=debian\n@@boot\nb1\nBOOT_IMAGE=/vmlinuz ro\ngrub /vmlinuz ro x=1\n\n@@modules\nbridge\n",
            request: request)
        #expect(
            facts.boot
                == BootState(bootID: "b1", running: ["ro"], next: ["ro", "x=1"], blacklistedButLoaded: ["bridge"]))
    }
}
