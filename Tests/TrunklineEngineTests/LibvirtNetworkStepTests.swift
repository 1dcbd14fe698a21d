import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("libvirt_network: a libvirt network on an OVS bridge with VLAN portgroups")
struct LibvirtNetworkStepTests {
    static let seed = LibvirtSeed.network
    static let seedXML = LibvirtSeed.xml

    static func facts(
        defined: Bool, active: Bool, autostart: Bool, file: String? = nil, bridge: Bool = true
    ) throws -> HostFacts {
        let step = try StepHarness.step(LibvirtNetworkStep.self, seed)
        var facts = StepHarness.facts(
            files: file.map { [step.path: $0] } ?? [:],
            checks: [
                LibvirtNetworkStep.virshCheck: 0, step.definedCheck: defined ? 0 : 1,
                step.activeCheck: active ? 0 : 1, step.autostartCheck: autostart ? 0 : 1,
            ])
        facts.ovs = OVSState(bridges: bridge ? ["vmbr0": OVSState.Bridge(name: "vmbr0")] : [:])
        return facts
    }

    @Test("renders seed 001's XML, then defines, starts and autostarts the network; the re-plan is empty")
    func converges() throws {
        let step = try StepHarness.step(LibvirtNetworkStep.self, Self.seed)
        #expect(step.xml == Self.seedXML)
        #expect(step.path == "/etc/trunkline/libvirt/libvirt-vmbr0.xml")
        let (changes, after) = StepHarness.cycle(step, try Self.facts(defined: false, active: false, autostart: false))
        #expect(
            changes.map(\.summary) == [
                "define libvirt network libvirt-vmbr0 on vmbr0", "start libvirt network libvirt-vmbr0",
                "autostart libvirt network libvirt-vmbr0",
            ])
        #expect(
            changes.flatMap(\.commands).filter { $0.hasPrefix("virsh") } == [
                "virsh net-define -- /etc/trunkline/libvirt/libvirt-vmbr0.xml", "virsh net-start -- libvirt-vmbr0",
                "virsh net-autostart -- libvirt-vmbr0",
            ])
        #expect(changes[0].diff.contains("+  <portgroup name='V31' default='yes'>"))
        #expect(step.plan(after).isEmpty)
        #expect(step.precondition(after) == nil)
    }

    @Test("an edited definition is rewritten, redefined and, if running, restarted; autostart is left as it is")
    func redefines() throws {
        let step = try StepHarness.step(LibvirtNetworkStep.self, Self.seed)
        let edited = Self.seedXML.replacingOccurrences(of: "<tag id='32'/>\n  </vlan>", with: "</vlan>")
        let facts = try Self.facts(defined: true, active: true, autostart: true, file: edited)
        let (changes, after) = StepHarness.cycle(step, facts)
        #expect(
            changes.flatMap(\.commands).filter { $0.hasPrefix("virsh") } == [
                "virsh net-define -- /etc/trunkline/libvirt/libvirt-vmbr0.xml", "virsh net-destroy -- libvirt-vmbr0",
                "virsh net-start -- libvirt-vmbr0",
            ])
        #expect(changes[0].summary == "redefine libvirt network libvirt-vmbr0 on vmbr0")
        #expect(step.plan(after).isEmpty)
        let stopped = try Self.facts(defined: true, active: false, autostart: true, file: Self.seedXML)
        #expect(step.plan(stopped).map(\.summary) == ["start libvirt network libvirt-vmbr0"])
    }

    @Test("state: absent stops, undefines and removes the file; nothing left to do is nothing")
    func absent() throws {
        let step = try StepHarness.step(
            LibvirtNetworkStep.self, ["name": .string("libvirt-vmbr0"), "state": .string("absent")])
        let facts = try Self.facts(defined: true, active: true, autostart: true, file: Self.seedXML)
        let (changes, after) = StepHarness.cycle(step, facts)
        #expect(
            changes.flatMap(\.commands) == [
                "virsh net-destroy -- libvirt-vmbr0",
                "(then sh -c 'virsh net-info -- \"$1\" 2>/dev/null | grep -Eq \"^$2:[[:space:]]+yes$\"' sh libvirt-vmbr0 Active answers 1)",
                "virsh net-undefine -- libvirt-vmbr0", "(then virsh net-info -- libvirt-vmbr0 answers 1)",
                "(then sh -c 'virsh net-info -- \"$1\" 2>/dev/null | grep -Eq \"^$2:[[:space:]]+yes$\"' sh libvirt-vmbr0 Autostart answers 1)",
                "rm -f -- /etc/trunkline/libvirt/libvirt-vmbr0.xml",
            ])
        #expect(step.plan(after).isEmpty)
    }

    @Test("a missing bridge or a missing virsh fails the host before anything changes")
    func preconditions() throws {
        let step = try StepHarness.step(LibvirtNetworkStep.self, Self.seed)
        #expect(
            step.precondition(try Self.facts(defined: false, active: false, autostart: false, bridge: false))?.contains(
                "bridge vmbr0 does not exist") == true)
        var noVirsh = try Self.facts(defined: false, active: false, autostart: false)
        noVirsh.checks[LibvirtNetworkStep.virshCheck] = 127
        #expect(step.precondition(noVirsh)?.contains("virsh is not installed") == true)
    }

    @Test(
        "invalid networks are refused with the field",
        arguments: [
            (["native_vlan": Value.int(33)], "native_vlan 33 is not in trunks"),
            (["trunks": .list([.int(31), .int(5000)])], "trunks[1]"),
            (
                [
                    "portgroups": .list([
                        .map(["name": .string("V31"), "tag": .int(31), "default": .bool(true)]),
                        .map(["name": .string("V32"), "tag": .int(32), "default": .bool(true)]),
                    ])
                ], "only one portgroup"
            ),
            (
                ["portgroups": .list([.map(["name": .string("V40"), "tag": .int(40)])])],
                "VLAN 40, which is not in trunks"
            ),
            (["portgroups": .list([.map(["name": .string("V31"), "vlan": .int(31)])])], "unknown key 'vlan'"),
            (["name": .string("bad name")], "libvirt_network.name 'bad name'"),
            (["bridge": .string("a-bridge-name-too-long")], "is not an interface name"),
        ])
    func invalid(change: [String: Value], message: String) throws {
        let error = #expect(throws: InputError.self) {
            try StepHarness.step(LibvirtNetworkStep.self, Self.seed.merging(change) { $1 })
        }
        #expect(error?.description.contains(message) == true, "\(error.map { "\($0)" } ?? "")")
    }
}
