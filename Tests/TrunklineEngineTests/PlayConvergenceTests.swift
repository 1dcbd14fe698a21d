import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

/// A play with a step of every kind, planned against facts that come through the facts script's
/// own parser from a host that answers only what the play's needs ask: so a step that reads a
/// fact it does not declare sees nothing, and a kind without an example here fails the suite.
@Suite("Every step kind converges on the facts it declares")
struct PlayConvergenceTests {
    /// One step of every kind, in an order where each finds what the steps before it make.
    static let play: [(kind: any StepKind.Type, values: [String: Value])] = [
        (FileStep.self, ["path": .string("/etc/a.conf"), "content": .string("x=1\n")]),
        (LinesStep.self, ["path": .string("/etc/b.conf"), "set": .map(["y": .int(2)])]),
        (GrubCmdlineStep.self, ["present": .list([.string("net.ifnames=0")])]),
        (
            SysctlStep.self,
            ["settings": .map(["net.ipv4.ip_forward": .int(1), "net.ipv6.conf.all.disable_ipv6": .int(1)])]
        ),
        (CommandStep.self, ["argv": .list([.string("systemctl"), .string("daemon-reload")])]),
        (ModuleBlacklistStep.self, ["modules": .list([.string("bridge")])]),
        (ModulesLoadStep.self, ["modules": .list([.string("8021q")])]),
        (HostnameStep.self, ["name": .string("kvm-a1.zone1.example")]),
        (PackageStep.self, ["names": .list([.string("openvswitch-switch")])]),
        (
            ServiceStep.self,
            ["name": .string("openvswitch-switch"), "enabled": .bool(true), "state": .string("started")]
        ),
        (OVSStep.self, ["bridges": .list([.map(["name": .string("vmbr0")])])]),
        (
            NetworkStep.self,
            [
                "model": .map([
                    "bridges": .map([
                        "cloudbr0": .map(["ports": .list([.string("eth0")]), "address": .string("192.168.100.20/24")])
                    ])
                ])
            ]
        ),
        (LibvirtNetworkStep.self, LibvirtSeed.network),
        (RebootStep.self, [:]),
    ]

    /// Each typed fact's section as a host answers it.
    static let sections: [FactType: [String]] = [
        FactType(OSRelease.self): ["ID=debian", "VERSION_ID=\"12\""], FactType(HostnameFact.self): ["hv01"],
        FactType(InterfacesFact.self): ["eth0", "eth1", "lo"], FactType(NetworkSystem.self): ["ifupdown"],
        FactType(KernelIPv6Fact.self): ["yes"],
        FactType(BootState.self): ["b1", "BOOT_IMAGE=/vmlinuz ro", "grub /vmlinuz ro", ""],
        FactType(LiveNetwork.self): ["@@routes", "@@links"],
        FactType(OVSFact.self): [#"[{"rows":[]},{"rows":[]},{"rows":[]}]"#],
    ]

    /// The guard commands a host answers with success (virsh is installed); any other fails.
    static let succeeding: Set<[String]> = [LibvirtNetworkStep.virshCheck]

    static func steps() throws -> [StepInstance] {
        try play.enumerated().map { index, step in
            StepInstance(
                index: index + 1, name: step.kind.name,
                kind: try step.kind.init(
                    StepArguments(kind: step.kind.name, location: StepHarness.location, values: step.values)),
                location: StepHarness.location)
        }
    }

    /// The facts such a host gives for `needs`, through the facts script's parser.
    static func gathered(_ needs: FactNeeds) throws -> HostFacts {
        let (_, request) = FactsScript.command(for: needs)
        return try FactsScript.parse(try output(for: request), request: request)
    }

    /// What a host with nothing of the play on it prints for the script of `request`.
    static func output(for request: FactsScript.Request) throws -> String {
        var lines: [String] = []
        for fact in request.facts {
            lines += ["@@" + fact.type.section] + (try #require(sections[fact], "no sample section for \(fact.type)"))
        }
        for index in request.files.indices { lines += ["@@file \(index)", "absent"] }
        for index in request.sysctlKeys.indices { lines += ["@@sysctl \(index)", "@@absent"] }
        for (index, check) in request.checks.enumerated() {
            lines += ["@@check \(index)", succeeding.contains(check) ? "0" : "1"]
        }
        if !request.packages.isEmpty { lines += ["@@packages"] }
        if !request.units.isEmpty {
            lines += ["@@units"] + request.units.flatMap { _ in ["UnitFileState=", "ActiveState=inactive", ""] }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("the play has a step of every kind")
    func everyKind() {
        #expect(Set(Self.play.map { $0.kind.name }) == Set(StepKinds.all.keys))
    }

    @Test("planned from gathered facts, applied to them, the play's re-plan changes nothing but what changes by design")
    func converges() throws {
        let steps = try Self.steps()
        let facts = try Self.gathered(Planner.needs(of: steps))
        let plan = try Planner.plan(steps, facts: facts)
        #expect(plan.allSatisfy { !$0.changes.isEmpty }, "every step has something to do on a bare host")
        var after = facts
        for effect in plan.flatMap(\.changes).flatMap(\.effects) { effect.apply(to: &after) }
        let replan = try Planner.plan(steps, facts: after)
        #expect(replan.filter { !$0.changes.isEmpty && !$0.alwaysChanges }.map(\.kind) == [])
        #expect(replan.filter(\.alwaysChanges).map(\.kind) == [CommandStep.name, RebootStep.name])
    }

    @Test(
        "each step plans the same from the facts the play up to it declares as from every fact: it reads no fact it does not declare",
        arguments: play.indices)
    func declaresWhatItReads(_ index: Int) throws {
        let steps = Array(try Self.steps()[...index])
        var everything = Planner.needs(of: steps)
        everything.facts.formUnion(Self.sections.keys)
        let declared = try Planner.plan(steps, facts: Self.gathered(Planner.needs(of: steps)))
        #expect(
            declared.last?.changes == (try Planner.plan(steps, facts: Self.gathered(everything)).last?.changes),
            "\(steps[index].kindName)")
    }
}
