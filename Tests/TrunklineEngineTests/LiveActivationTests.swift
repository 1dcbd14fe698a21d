import Foundation
import Testing
import TrunklineCore
import TrunklineInput
import TrunklineTestSupport

@testable import TrunklineEngine

/// The live half of the network step for every golden model: the model's addresses move from
/// where a stock host has them (the first one on eth0, with the default route), stray addresses
/// leave the model's interfaces, and once the effects are applied nothing is left to do.
@Suite("Live activation of every golden model")
struct LiveActivationTests {
    static func model(_ name: String) throws -> NetworkModel {
        let path = GoldenRenderingTests.golden.appendingPathComponent("models/\(name).yml").path
        let value = try #require(try YAMLNode.load(path)).value()
        return try NetworkModelReader(at: SourceLocation(file: path, line: 1, column: 1)).read(value)
    }

    /// A stock host: the model's first address (with its original prefix) on eth0, the default
    /// route through its gateway on eth0, and a leftover address on eth1.
    static func stock(_ model: NetworkModel) throws -> (LiveNetwork, LiveActivation.Placement) {
        let first = try #require(LiveActivation.placements(model).first { $0.gateway != nil })
        let live = LiveNetwork(
            addresses: ["eth0": [first.cidr], "eth1": ["198.51.100.7/24"], "lab0": ["10.250.1.1/32"]],
            defaultRoute: .init(gateway: String(describing: first.gateway!), device: "eth0"))
        return (live, first)
    }

    @Test(
        "a stock host's address moves, the default route follows, strays go, and a second plan is empty",
        arguments: ["cloudstack-kvm-ovs", "homelab-trunk-ovs", "lacp-mgmt-ovs"])
    func activates(name: String) throws {
        let model = try Self.model(name)
        let (live, first) = try Self.stock(model)
        let changes = LiveActivation.plan(model, live: live)
        let summaries = changes.map(\.summary)
        #expect(summaries.first == "move \(first.cidr) from eth0 to \(first.interface)")
        #expect(summaries.contains("default via \(first.gateway!) dev \(first.interface)"))
        let enslavesEth1 = LiveActivation.enslaved(model).contains("eth1")
        #expect(
            summaries.contains("remove 198.51.100.7/24 from eth1 (an Open vSwitch port in the model)") == enslavesEth1)
        #expect(!summaries.contains { $0.contains("lab0") }, "an interface the model does not name is left alone")
        for placement in LiveActivation.placements(model).dropFirst() {
            #expect(summaries.contains("add \(placement.cidr) to \(placement.interface)"))
        }
        let commands = changes.flatMap(\.commands).joined(separator: "\n")
        #expect(commands.contains("ip addr replace \(first.cidr) dev \(first.interface)"))
        #expect(commands.contains("ip addr del \(first.cidr) dev eth0"))
        #expect(commands.contains("ip route replace default via \(first.gateway!) dev \(first.interface)"))
        #expect(
            commands.hasSuffix("ping -c 1 -W 1 \"$1\" > /dev/null 2>&1 || true' sh \(first.gateway!)"),
            "the gateway learns the new MAC last")
        var facts = StepHarness.facts()
        facts.live = live
        for effect in changes.flatMap(\.effects) { effect.apply(to: &facts) }
        #expect(LiveActivation.plan(model, live: try #require(facts.live)).isEmpty)
        #expect(facts.live?.addresses["eth0"] == [])
        #expect(facts.live?.addresses["lab0"] == ["10.250.1.1/32"])
    }

    @Test("stray addresses leave an interface secondaries first, so deleting the primary cannot take them along")
    func straysInReverse() throws {
        let model = try Self.model("cloudstack-kvm-ovs")
        let live = LiveNetwork(addresses: ["eth2": ["198.51.100.7/24", "198.51.100.8/24"]])
        let commands = LiveActivation.plan(model, live: live).flatMap(\.commands).filter { $0.contains("eth2") }
        #expect(
            Array(commands.prefix(2)) == [
                "ip addr del 198.51.100.8/24 dev eth2", "ip addr del 198.51.100.7/24 dev eth2",
            ])
    }

    @Test("a bond member that is down is brought up first; once up, nothing is left")
    func membersUp() throws {
        let model = try Self.model("cloudstack-kvm-ovs")
        var (live, _) = try Self.stock(model)
        live.down = ["eth1", "eth3", "eth9"]
        let changes = LiveActivation.plan(model, live: live)
        #expect(
            changes.prefix(2).map(\.summary) == [
                "bring eth1 up (an Open vSwitch port in the model)",
                "bring eth3 up (an Open vSwitch port in the model)",
            ])
        #expect(changes[0].commands == ["ip link set dev eth1 up"])
        var facts = StepHarness.facts()
        facts.live = live
        for effect in changes.flatMap(\.effects) { effect.apply(to: &facts) }
        #expect(facts.live?.down == ["eth9"], "an interface the model does not name is left down")
        #expect(LiveActivation.plan(model, live: try #require(facts.live)).isEmpty)
    }

    @Test("live state as ip prints it: addresses per interface (veth suffixes dropped) and the default route")
    func parsesIP() {
        let live = LiveNetwork.parse(
            addresses: [
                "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever",
                "7: eth0    inet 10.250.64.2/30 brd 10.250.64.3 scope global eth0\\       valid_lft forever preferred_lft forever",
                "9: cloudbr0    inet 10.0.100.2/24 scope global cloudbr0",
                "9: cloudbr0    inet 10.0.101.2/24 scope global secondary cloudbr0",
            ], routes: ["default via 10.250.64.1 dev eth0 onlink "],
            links: [
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00",
                "3: eth1@if2364: <BROADCAST,MULTICAST,PROMISC> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default qlen 1000",
                "4: eth0@if2363: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP",
            ])
        #expect(live.down == ["eth1"])
        #expect(
            live.addresses == [
                "lo": ["127.0.0.1/8"], "eth0": ["10.250.64.2/30"], "cloudbr0": ["10.0.100.2/24", "10.0.101.2/24"],
            ])
        #expect(live.defaultRoute == .init(gateway: "10.250.64.1", device: "eth0"))
        #expect(live.holders(of: "10.250.64.2") == ["eth0"])
    }

    @Test("the @@live section: each line read by its shape, a multipath route up to its next hops")
    func parsesSection() {
        let live = LiveNetwork.parse([
            "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN\\    link/loopback 00:00:00:00:00:00",
            "2: eth0\tinet 10.0.0.2/24 brd 10.0.0.255 scope global eth0",
            "2: eth0: <BROADCAST,MULTICAST> mtu 1500",
            "default proto static metric 10 \\\tnexthop via 10.0.0.1 dev eth0 weight 1",
            "default via 10.0.0.254 dev eth0",
            "x2: eth1 inet 10.9.9.9/24", "2 eth1 inet 10.9.9.8/24", "٣: eth2 inet 10.9.9.7/24",
        ])
        #expect(live.down == ["eth0"])
        #expect(live.addresses == ["eth0": ["10.0.0.2/24"]])
        #expect(live.defaultRoute == .init(gateway: "10.0.0.254", device: "eth0"))
    }

    @Test("the network step refuses a model that strands the management address, before any change")
    func managementAddress() throws {
        let model = try Self.model("cloudstack-kvm-ovs")
        let first = try #require(LiveActivation.placements(model).first)
        let path = GoldenRenderingTests.golden.appendingPathComponent("models/cloudstack-kvm-ovs.yml").path
        let value = try #require(try YAMLNode.load(path)).value()
        let step = try StepHarness.step(NetworkStep.self, ["model": value])
        var facts = StepHarness.facts()
        facts.ovs = OVSState()
        facts.live = LiveNetwork(addresses: ["eth0": [first.cidr]])
        facts.managementAddress = String(describing: first.address.ip)
        #expect(step.precondition(facts) == nil, "the model moves it to \(first.interface)")
        facts.live = LiveNetwork(addresses: ["eth0": ["192.0.2.9/24"]])
        facts.managementAddress = "192.0.2.9"
        #expect(
            step.precondition(facts)
                == "the model takes the management address 192.0.2.9 off the host: it is on eth0, which the model "
                + "makes an Open vSwitch port, and the model puts it on no interface")
        facts.live = LiveNetwork(addresses: ["cloudbr0": ["192.0.2.9/24"]])
        #expect(
            step.precondition(facts)?.hasPrefix(
                "the model takes the management address 192.0.2.9 off the host: it is on cloudbr0, "
                    + "which the model gives other addresses") == true)
        facts.live = LiveNetwork(addresses: ["eth9": ["192.0.2.9/24"]])
        #expect(step.precondition(facts) == nil, "an address on an interface the model does not take stays reachable")
    }
}
