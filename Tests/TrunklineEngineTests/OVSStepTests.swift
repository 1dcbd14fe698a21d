import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("The ovs step kind")
struct OVSStepTests {
    /// `ovsdb-client transact` output from a lab host (`OVSDatabaseJSON.listCommand`): br0 with bond0 (eth0+eth1, active-backup,
    /// tag 31, trunks 31,32, native-untagged), internal mgmt0 (tag 31, fixed MAC, iface-id),
    /// and the fake bridge br0v100 (VLAN 100).
    static let listing = #"""
        [{"rows":[{"name":"br0","ports":["set",[["uuid","137b"],["uuid","3b63"],["uuid","5445"],["uuid","d47b"]]],"datapath_type":"netdev","external_ids":["map",[]],"other_config":["map",[]]}]},{"rows":[{"_uuid":["uuid","5445"],"name":"br0v100","interfaces":["uuid","6117"],"tag":100,"trunks":["set",[]],"vlan_mode":["set",[]],"bond_mode":["set",[]],"lacp":["set",[]],"other_config":["map",[]],"external_ids":["map",[]],"fake_bridge":true},{"_uuid":["uuid","d47b"],"name":"mgmt0","interfaces":["uuid","8929"],"tag":31,"trunks":["set",[]],"vlan_mode":["set",[]],"bond_mode":["set",[]],"lacp":["set",[]],"other_config":["map",[]],"external_ids":["map",[]],"fake_bridge":false},{"_uuid":["uuid","137b"],"name":"bond0","interfaces":["set",[["uuid","0989"],["uuid","6345"]]],"tag":31,"trunks":["set",[31,32]],"vlan_mode":"native-untagged","bond_mode":"active-backup","lacp":["set",[]],"other_config":["map",[]],"external_ids":["map",[]],"fake_bridge":false},{"_uuid":["uuid","3b63"],"name":"br0","interfaces":["uuid","f314"],"tag":["set",[]],"trunks":["set",[]],"vlan_mode":["set",[]],"bond_mode":["set",[]],"lacp":["set",[]],"other_config":["map",[]],"external_ids":["map",[]],"fake_bridge":false}]},{"rows":[{"_uuid":["uuid","6117"],"name":"br0v100","type":"internal","mac":["set",[]],"external_ids":["map",[]],"other_config":["map",[]]},{"_uuid":["uuid","f314"],"name":"br0","type":"internal","mac":["set",[]],"external_ids":["map",[]],"other_config":["map",[]]},{"_uuid":["uuid","8929"],"name":"mgmt0","type":"internal","mac":"52:54:00:aa:bb:cc","external_ids":["map",[["iface-id","x"]]],"other_config":["map",[]]},{"_uuid":["uuid","0989"],"name":"eth0","type":"","mac":["set",[]],"external_ids":["map",[]],"other_config":["map",[]]},{"_uuid":["uuid","6345"],"name":"eth1","type":"","mac":["set",[]],"external_ids":["map",[]],"other_config":["map",[]]}]}]
        """#

    static let desired: Value = .list([
        .map([
            "name": .string("br0"), "datapath_type": .string("netdev"),
            "ports": .list([
                .map([
                    "name": .string("bond0"), "interfaces": .list([.string("eth0"), .string("eth1")]),
                    "bond_mode": .string("active-backup"),
                    "tag": .int(31), "trunks": .list([.int(31), .int(32)]), "vlan_mode": .string("native-untagged"),
                ]),
                .map([
                    "name": .string("mgmt0"), "type": .string("internal"), "tag": .int(31),
                    "mac": .string("52:54:00:AA:BB:CC"),
                    "external_ids": .map(["iface-id": .string("x")]),
                ]),
            ]),
        ]),
        .map(["name": .string("br0v100"), "parent": .string("br0"), "vlan": .int(100)]),
    ])

    func facts(_ ovs: OVSState?) -> HostFacts {
        var facts = StepHarness.facts()
        facts.ovs = ovs
        return facts
    }

    func step(_ bridges: Value = desired) throws -> OVSStep {
        try StepHarness.step(OVSStep.self, ["bridges": bridges])
    }

    @Test(
        "the OVSDB is read by one ovsdb-client transaction: a select of all rows per table, of the columns planning reads"
    )
    func transaction() throws {
        #expect(
            OVSDatabaseJSON.listCommand == ["ovsdb-client", "--timeout=10", "transact", OVSDatabaseJSON.transaction])
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(OVSDatabaseJSON.transaction.utf8)) as? [Any])
        #expect(parsed.first as? String == "Open_vSwitch")
        let selects = parsed.dropFirst().compactMap { $0 as? [String: Any] }
        #expect(selects.count == 3 && selects.map { $0["table"] as? String } == ["Bridge", "Port", "Interface"])
        #expect(selects.allSatisfy { $0["op"] as? String == "select" && ($0["where"] as? [Any])?.isEmpty == true })
        #expect(
            selects.map { $0["columns"] as? [String] ?? [] } == [
                ["name", "ports", "datapath_type", "external_ids", "other_config"],
                [
                    "_uuid", "name", "interfaces", "tag", "trunks", "vlan_mode", "bond_mode", "lacp", "other_config",
                    "external_ids", "fake_bridge",
                ],
                ["_uuid", "name", "type", "mac", "external_ids", "other_config"],
            ])
    }

    @Test("the OVSDB listing reads into bridges, bonds, tags, trunks, MACs and fake bridges")
    func parsesListing() throws {
        let state = try OVSDatabaseJSON.parse(Self.listing)
        let br0 = try #require(state.bridges["br0"])
        #expect(br0.datapathType == "netdev")
        #expect(br0.ports["bond0"]?.interfaceNames == ["eth0", "eth1"])
        #expect(br0.ports["bond0"]?.trunks == [31, 32] && br0.ports["bond0"]?.vlanMode == "native-untagged")
        #expect(br0.ports["mgmt0"]?.interfaces.first?.mac == "52:54:00:aa:bb:cc")
        #expect(br0.ports["mgmt0"]?.interfaces.first?.externalIDs == ["iface-id": "x"])
        #expect(br0.ports["br0v100"]?.fakeBridge == true && br0.ports["br0v100"]?.tag == 100)
    }

    @Test("the listed state is exactly what the step describes: nothing to do")
    func convergedListing() throws {
        #expect(try step().plan(facts(try OVSDatabaseJSON.parse(Self.listing))).isEmpty)
    }

    @Test("from nothing: one transaction builds it all, and planning again on the result is empty")
    func fromNothing() throws {
        let step = try step()
        let (changes, after) = StepHarness.cycle(step, facts(OVSState()))
        #expect(changes.count == 1)
        guard case .ovs(let commands, _) = changes[0].effects[0] else { Issue.record("no ovs effect"); return }
        #expect(
            commands == [
                ["--may-exist", "add-br", "br0"],
                ["set", "Bridge", "br0", "datapath_type=netdev"],
                ["--may-exist", "add-bond", "br0", "bond0", "eth0", "eth1"],
                ["set", "Port", "bond0", "tag=31"], ["set", "Port", "bond0", "trunks=31,32"],
                ["set", "Port", "bond0", "vlan_mode=native-untagged"],
                ["set", "Port", "bond0", "bond_mode=active-backup"],
                ["--may-exist", "add-port", "br0", "mgmt0"], ["set", "Port", "mgmt0", "tag=31"],
                ["set", "Interface", "mgmt0", "type=internal"],
                ["set", "Interface", "mgmt0", "mac=\"52:54:00:aa:bb:cc\""],
                ["set", "Interface", "mgmt0", "external_ids:\"iface-id\"=\"x\""],
                ["--may-exist", "add-br", "br0v100", "br0", "100"],
            ])
        #expect(changes[0].commands.count == 1)
        #expect(changes[0].commands[0].hasPrefix("ovs-vsctl --timeout=30 -- --may-exist add-br br0 -- set Bridge br0"))
        #expect(
            changes[0].diff.contains(
                "+  Port bond0: interfaces=eth0,eth1 tag=31 trunks=31,32 vlan_mode=native-untagged bond_mode=active-backup"
            ))
        #expect(step.plan(after).isEmpty)
    }

    @Test("drift in every attribute is reset: tag, trunks, vlan_mode, bond members and mode, a deleted port")
    func drift() throws {
        var state = try OVSDatabaseJSON.parse(Self.listing)
        state.bridges["br0"]!.ports["mgmt0"]!.tag = 32
        state.bridges["br0"]!.ports["bond0"]!.trunks = [31]
        state.bridges["br0"]!.ports["bond0"]!.vlanMode = nil
        let step = try step()
        let (changes, after) = StepHarness.cycle(step, facts(state))
        guard case .ovs(let commands, _) = changes[0].effects[0] else { Issue.record("no ovs effect"); return }
        #expect(
            commands == [
                ["set", "Port", "bond0", "trunks=31,32"], ["set", "Port", "bond0", "vlan_mode=native-untagged"],
                ["set", "Port", "mgmt0", "tag=31"],
            ])
        #expect(step.plan(after).isEmpty)

        var members = try OVSDatabaseJSON.parse(Self.listing)
        members.bridges["br0"]!.ports["bond0"]!.interfaces.removeLast()
        members.bridges["br0"]!.ports["mgmt0"] = nil
        guard case .ovs(let rebuild, _) = step.plan(facts(members))[0].effects[0] else {
            Issue.record("no ovs effect"); return
        }
        #expect(
            rebuild.prefix(3) == [
                ["--if-exists", "del-port", "br0", "bond0"],
                ["--may-exist", "add-bond", "br0", "bond0", "eth0", "eth1"], ["set", "Port", "bond0", "tag=31"],
            ])
        #expect(rebuild.contains(["--may-exist", "add-port", "br0", "mgmt0"]))
    }

    @Test("a drifted port or fake bridge says which columns differ, before → after, as a file change shows its diff")
    func columnChanges() throws {
        let step = try step()
        var mode = try OVSDatabaseJSON.parse(Self.listing)
        mode.bridges["br0"]!.ports["bond0"]!.bondMode = "balance-slb"
        mode.bridges["br0"]!.ports["bond0"]!.tag = 99
        #expect(step.plan(facts(mode)).map(\.summary) == ["bond0: tag 99 → 31, bond_mode balance-slb → active-backup"])

        var members = try OVSDatabaseJSON.parse(Self.listing)
        members.bridges["br0"]!.ports["bond0"]!.interfaces[1].name = "p1"
        #expect(
            step.plan(facts(members)).map(\.summary) == ["bond0: interfaces eth0, p1 → eth0, eth1 (recreated on br0)"])

        var retagged = try OVSDatabaseJSON.parse(Self.listing)
        retagged.bridges["br0"]!.ports["br0v100"]!.tag = 200
        #expect(step.plan(facts(retagged)).map(\.summary) == ["br0v100: VLAN 200 → 100"])

        var typed = try OVSDatabaseJSON.parse(Self.listing)
        typed.bridges["br0"]!.ports["mgmt0"]!.interfaces[0].mac = "52:54:00:00:00:01"
        #expect(step.plan(facts(typed)).map(\.summary) == ["mgmt0: mgmt0 mac 52:54:00:00:00:01 → 52:54:00:aa:bb:cc"])
    }

    @Test("unlisted ports (a VM's vnet0) are left alone unless they match prune; absent bridges are removed")
    func unlistedAndAbsent() throws {
        var state = try OVSDatabaseJSON.parse(Self.listing)
        state.bridges["br0"]!.ports["vnet0"] = OVSState.Port(
            name: "vnet0", interfaces: [OVSState.Interface(name: "vnet0")])
        state.bridges["old"] = OVSState.Bridge(name: "old")
        #expect(try step().plan(facts(state)).isEmpty)
        var pruning = Self.desired
        if case .list(var bridges) = pruning, case .map(var br0) = bridges[0] {
            br0["prune"] = .string("vnet*")
            bridges[0] = .map(br0)
            bridges.append(.map(["name": .string("old"), "state": .string("absent")]))
            pruning = .list(bridges)
        }
        let changes = try step(pruning).plan(facts(state))
        guard case .ovs(let commands, _) = changes[0].effects[0] else { Issue.record("no ovs effect"); return }
        #expect(commands == [["--if-exists", "del-port", "br0", "vnet0"], ["--if-exists", "del-br", "old"]])
        let removal = try step(
            .list([
                .map([
                    "name": .string("br0"),
                    "ports": .list([.map(["name": .string("mgmt0"), "state": .string("absent")])]),
                ])
            ]))
        let (removed, after) = StepHarness.cycle(removal, facts(state))
        guard case .ovs(let deletion, _) = removed[0].effects[0] else { Issue.record("no ovs effect"); return }
        #expect(deletion == [["--if-exists", "del-port", "br0", "mgmt0"]])
        #expect(removal.plan(after).isEmpty)
    }

    @Test("an interface moves from another bond to the one that claims it, in the same transaction")
    func interfaceMoves() throws {
        var state = try OVSDatabaseJSON.parse(Self.listing)
        state.bridges["old"] = OVSState.Bridge(
            name: "old",
            ports: [
                "oldbond": OVSState.Port(
                    name: "oldbond", interfaces: [OVSState.Interface(name: "eth2"), OVSState.Interface(name: "eth3")])
            ])
        let step = try step(
            .list([
                .map([
                    "name": .string("br1"),
                    "ports": .list([
                        .map(["name": .string("bond1"), "interfaces": .list([.string("eth2"), .string("eth3")])])
                    ]),
                ])
            ]))
        let (changes, after) = StepHarness.cycle(step, facts(state))
        guard case .ovs(let commands, _) = changes[0].effects[0] else { Issue.record("no ovs effect"); return }
        #expect(
            commands == [
                ["--may-exist", "add-br", "br1"], ["--if-exists", "del-port", "old", "oldbond"],
                ["--may-exist", "add-bond", "br1", "bond1", "eth2", "eth3"],
            ])
        #expect(step.plan(after).isEmpty)
    }

    @Test(
        "invalid models are refused with the field's path",
        arguments: [
            (
                Value.list([
                    .map(["name": .string("br0"), "ports": .list([.map(["name": .string("p"), "tag": .int(4095)])])])
                ]), "ovs.bridges[0].ports[0]: tag must be a VLAN ID from 1 to 4094, not 4095"
            ),
            (.list([.map(["name": .string("a-very-long-bridge-name")])]), "is not an interface name"),
            (
                .list([
                    .map([
                        "name": .string("br0"),
                        "ports": .list([.map(["name": .string("p"), "ovs_option": .string("x")])]),
                    ])
                ]), "unknown key 'ovs_option'"
            ),
            (
                .list([.map(["name": .string("b1"), "parent": .string("br9"), "vlan": .int(5)])]),
                "its parent br9 is not a bridge of this step"
            ),
            (
                .list([
                    .map([
                        "name": .string("br0"),
                        "ports": .list([
                            .map([
                                "name": .string("p"), "tag": .int(10), "trunks": .list([.int(20)]),
                                "vlan_mode": .string("native-untagged"),
                            ])
                        ]),
                    ])
                ]), "the native VLAN 10 is not in trunks 20"
            ),
            (
                .list([
                    .map([
                        "name": .string("br0"),
                        "ports": .list([.map(["name": .string("m"), "mac": .string("52:54:00:zz:00:01")])]),
                    ])
                ]), "is not a MAC address"
            ),
            (
                .list([
                    .map([
                        "name": .string("br0"),
                        "ports": .list([
                            .map(["name": .string("b"), "interfaces": .list([.string("eth0"), .string("eth0")])])
                        ]),
                    ])
                ]), "interface eth0 is used twice"
            ),
            (
                .list([
                    .map([
                        "name": .string("br0"),
                        "ports": .list([.map(["name": .string("p"), "bond_mode": .string("active-backup")])]),
                    ])
                ]), "bond_mode and lacp need a bond"
            ),
        ])
    func invalid(bridges: Value, expected: String) {
        #expect {
            _ = try StepHarness.step(OVSStep.self, ["bridges": bridges])
        } throws: { error in
            (error as? InputError)?.description.contains(expected) == true
        }
    }
}
