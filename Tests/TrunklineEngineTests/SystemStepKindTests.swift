import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("Step kinds for modules, host name and services")
struct SystemStepKindTests {
    @Test("module_blacklist owns its file: install NAME /bin/false by default, or blacklist, or both")
    func blacklist() throws {
        let step = try StepHarness.step(ModuleBlacklistStep.self, ["modules": .list([.string("bridge")])])
        let (changes, after) = StepHarness.cycle(step, StepHarness.facts())
        #expect(changes[0].summary == "keep bridge from loading (install) in /etc/modprobe.d/trunkline-blacklist.conf")
        #expect(
            StepHarness.text(after, "/etc/modprobe.d/trunkline-blacklist.conf")
                == "# Managed by Trunkline\ninstall bridge /bin/false\n")
        #expect(step.plan(after).isEmpty)
        let both = try StepHarness.step(
            ModuleBlacklistStep.self, ["modules": .list([.string("bridge")]), "how": .string("both")])
        let (_, twice) = StepHarness.cycle(both, after)
        #expect(
            StepHarness.text(twice, "/etc/modprobe.d/trunkline-blacklist.conf")
                == "# Managed by Trunkline\nblacklist bridge\ninstall bridge /bin/false\n")
        #expect(throws: InputError.self) {
            try StepHarness.step(ModuleBlacklistStep.self, ["modules": .list([.string("br idge")])])
        }
    }

    @Test(
        "modules_load appends to /etc/modules (Debian) keeping its lines, or owns modules-load.d (RHEL), and loads now")
    func modulesLoad() throws {
        let step = try StepHarness.step(
            ModulesLoadStep.self, ["modules": .list([.string("bonding"), .string("8021q")])])
        let debian = StepHarness.facts(files: [
            "/etc/modules": "# /etc/modules: kernel modules to load at boot time.\n8021q\n"
        ])
        let (changes, after) = StepHarness.cycle(step, debian)
        #expect(
            StepHarness.text(after, "/etc/modules")
                == "# /etc/modules: kernel modules to load at boot time.\n8021q\nbonding\n")
        #expect(changes[0].effects.last == .run(["modprobe", "--", "bonding"]))
        #expect(step.plan(after).isEmpty)
        let (_, rhel) = StepHarness.cycle(step, StepHarness.facts(family: .rhel))
        #expect(StepHarness.text(rhel, "/etc/modules-load.d/trunkline.conf") == "bonding\n8021q\n")
        #expect(step.plan(rhel).isEmpty)
    }

    @Test("hostname sets /etc/hostname and the running name")
    func hostname() throws {
        let step = try StepHarness.step(HostnameStep.self, ["name": .string("kvm-a1.zone1.example")])
        let (changes, after) = StepHarness.cycle(step, StepHarness.facts(files: ["/etc/hostname": "localhost\n"]))
        #expect(
            changes.map(\.summary) == ["update /etc/hostname", "set the running host name to kvm-a1.zone1.example"])
        #expect(after.hostname == "kvm-a1.zone1.example")
        #expect(step.plan(after).isEmpty)
        for bad in ["-bad", "under_score", "a..b", String(repeating: "x", count: 64)] {
            #expect(throws: InputError.self) { try StepHarness.step(HostnameStep.self, ["name": .string(bad)]) }
        }
    }

    @Test("service reads the unit's state, changes only what differs, and the model follows")
    func service() throws {
        let step = try StepHarness.step(
            ServiceStep.self, ["name": .string("NetworkManager"), "enabled": .bool(false), "state": .string("stopped")])
        #expect(step.needs.units == ["NetworkManager"])
        var running = StepHarness.facts(family: .rhel)
        running.units["NetworkManager"] = UnitState(enabled: true, active: true)
        let (changes, after) = StepHarness.cycle(step, running)
        #expect(
            changes.flatMap(\.effects).filter { if case .run = $0 { return true } else { return false } } == [
                .run(["systemctl", "disable", "--", "NetworkManager"]),
                .run(["systemctl", "stop", "--", "NetworkManager"]),
            ])
        #expect(step.plan(after).isEmpty)
        var halfway = StepHarness.facts()
        halfway.units["NetworkManager"] = UnitState(enabled: false, active: true)
        #expect(step.plan(halfway).map(\.summary) == ["stop NetworkManager"])
        #expect(
            step.plan(StepHarness.facts()).map(\.summary) == [], "a unit systemd does not know is disabled and stopped")
    }

    @Test("package installs what is missing and removes what should not be there, per family")
    func package() throws {
        let install = try StepHarness.step(
            PackageStep.self, ["names": .list([.string("openvswitch-switch"), .string("ifupdown")])])
        #expect(install.needs.packages == ["openvswitch-switch", "ifupdown"])
        var facts = StepHarness.facts()
        facts.installedPackages = ["ifupdown"]
        let (changes, after) = StepHarness.cycle(install, facts)
        #expect(changes[0].summary == "install openvswitch-switch")
        #expect(
            changes[0].effects[0]
                == .run([
                    "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends",
                    "--", "openvswitch-switch",
                ]))
        #expect(install.plan(after).isEmpty)
        let purge = try StepHarness.step(
            PackageStep.self, ["names": .list([.string("NetworkManager")]), "state": .string("absent")])
        var rhel = StepHarness.facts(family: .rhel)
        rhel.installedPackages = ["NetworkManager"]
        #expect(purge.plan(rhel)[0].effects[0] == .run(["yum", "remove", "-y", "--", "NetworkManager"]))
        #expect(throws: InputError.self) {
            try StepHarness.step(PackageStep.self, ["names": .list([.string("-oops")])])
        }
    }
}
