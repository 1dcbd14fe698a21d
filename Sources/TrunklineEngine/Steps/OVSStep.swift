import Foundation
import TrunklineCore
import TrunklineInput

/// `ovs`: Open vSwitch bridges, fake bridges (parent + VLAN), bonds, ports and internal
/// interfaces, reconciled against one read of the OVSDB; every change of the step goes into
/// one `ovs-vsctl` transaction.
///
/// A listed port's `tag`, `trunks`, `vlan_mode`, `bond_mode`, `lacp`, interfaces and interface
/// `type` are authoritative (what is not given is cleared); `mac` is set when given;
/// `other_config` and `external_ids` are set for the keys given, other keys are left alone.
/// A port whose members or bridge differ is replaced within the transaction. Ports that are not
/// listed (VMs' `vnetN`) are left alone, unless they match the bridge's `prune` glob, or hold an
/// interface a listed port claims (the interface moves); a port or bridge with `state: absent`
/// is removed.
/// `external_ids` of a single-interface port go to its interface (`iface-id`), of a bond to the port.
public struct OVSStep: StepKind {
    public static let name = "ovs"
    public static let parameters = ["bridges"]

    static let bridgeKeys = [
        "name", "state", "datapath_type", "parent", "vlan", "external_ids", "other_config", "ports", "prune",
    ]
    static let portKeys = [
        "name", "state", "interfaces", "type", "mac", "tag", "trunks", "vlan_mode", "bond_mode", "lacp", "other_config",
        "external_ids",
    ]

    /// A bridge as the step describes it.
    struct Bridge: Sendable {
        var name: String
        var absent = false
        var datapathType: String?
        var parent: String?
        var vlan: Int?
        var externalIDs: [String: String] = [:]
        var otherConfig: [String: String] = [:]
        var ports: [Port] = []
        var prune: String?
    }

    /// A port as the step describes it.
    struct Port: Sendable {
        var name: String
        var absent = false
        var interfaces: [String]
        var type = ""
        var mac: String?
        var tag: Int?
        var trunks: [Int] = []
        var vlanMode: VLANMode?
        var bondMode: BondMode?
        var lacp: LACPMode?
        var otherConfig: [String: String] = [:]
        var externalIDs: [String: String] = [:]

        var isBond: Bool { interfaces.count > 1 }
    }

    let bridges: [Bridge]

    /// A step for bridges built elsewhere (the network model).
    init(bridges: [Bridge]) {
        self.bridges = bridges
    }

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        let reader = ValueReader(at: arguments.place("bridges"), kind: Self.name)
        guard let list = try reader.list(try arguments.value("bridges"), "bridges") else {
            throw InputError(arguments.location, "an ovs step needs 'bridges'")
        }
        bridges = try list.enumerated().map { try Self.bridge($0.element, reader.at("bridges[\($0.offset)]")) }
        try Self.checkParents(bridges, reader)
    }

    public var needs: FactNeeds { FactNeeds(facts: [OVSFact.self]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        var state = facts.ovs ?? OVSState()
        var commands: [[String]] = []
        var summaries: [String] = []
        for bridge in bridges {
            if bridge.absent {
                remove(bridge, &state, &commands, &summaries)
            } else if let parent = bridge.parent, let vlan = bridge.vlan {
                reconcileFake(bridge, parent: parent, vlan: vlan, &state, &commands, &summaries)
            } else {
                reconcile(bridge, &state, &commands, &summaries)
            }
        }
        guard !commands.isEmpty else { return [] }
        let names = bridges.map(\.name)
        return [
            Change(summary: summaries.joined(separator: "; "), effects: [.ovs(commands: commands, result: state)]) {
                [old = facts.ovs ?? OVSState(), state] in
                TextDiff.unified(old: old.describe(names), new: state.describe(names), path: " ovsdb")
            }
        ]
    }

    // MARK: Reconciling

    private func remove(
        _ bridge: Bridge, _ state: inout OVSState, _ commands: inout [[String]], _ summaries: inout [String]
    ) {
        if state.bridges[bridge.name] != nil {
            state.bridges[bridge.name] = nil
        } else if let (parent, port) = state.port(named: bridge.name), port.fakeBridge {
            state.bridges[parent]?.ports[bridge.name] = nil
        } else {
            return
        }
        commands.append(["--if-exists", "del-br", bridge.name])
        summaries.append("remove bridge \(bridge.name)")
    }

    private func reconcileFake(
        _ bridge: Bridge, parent: String, vlan: Int, _ state: inout OVSState,
        _ commands: inout [[String]], _ summaries: inout [String]
    ) {
        let existing = state.port(named: bridge.name)
        if let (onBridge, port) = existing, port.fakeBridge, onBridge == parent, port.tag == vlan {
            return
        }
        if existing != nil || state.bridges[bridge.name] != nil {
            commands.append(["--if-exists", "del-br", bridge.name])
            state.bridges[bridge.name] = nil
            if let (owner, _) = state.port(named: bridge.name) { state.bridges[owner]?.ports[bridge.name] = nil }
        }
        commands.append(["--may-exist", "add-br", bridge.name, parent, String(vlan)])
        state.bridges[parent]?.ports[bridge.name] = OVSState.Port(
            name: bridge.name, interfaces: [OVSState.Interface(name: bridge.name, type: "internal")], tag: vlan,
            fakeBridge: true)
        if let (onBridge, port) = existing, port.fakeBridge {
            let moved = onBridge == parent ? [] : ["parent \(onBridge) → \(parent)"]
            let tagged = port.tag == vlan ? [] : ["VLAN \(port.tag.map(String.init) ?? "none") → \(vlan)"]
            summaries.append("\(bridge.name): " + (moved + tagged).joined(separator: ", "))
        } else {
            summaries.append("add fake bridge \(bridge.name) on \(parent) VLAN \(vlan)")
        }
    }

    private func reconcile(
        _ bridge: Bridge, _ state: inout OVSState, _ commands: inout [[String]], _ summaries: inout [String]
    ) {
        let name = bridge.name
        if state.bridges[name] == nil {
            commands.append(["--may-exist", "add-br", name])
            state.bridges[name] = OVSState.Bridge(
                name: name,
                ports: [
                    name: OVSState.Port(
                        name: name, interfaces: [OVSState.Interface(name: name, type: "internal")])
                ])
            summaries.append("add bridge \(name)")
        }
        if let type = bridge.datapathType, state.bridges[name]!.datapathType != type {
            commands.append(["set", "Bridge", name, "datapath_type=\(type)"])
            state.bridges[name]!.datapathType = type
            summaries.append("set datapath_type=\(type) on \(name)")
        }
        setKeys(
            bridge.externalIDs, in: &state.bridges[name]!.externalIDs, column: "external_ids", row: ("Bridge", name),
            &commands, &summaries)
        setKeys(
            bridge.otherConfig, in: &state.bridges[name]!.otherConfig, column: "other_config", row: ("Bridge", name),
            &commands, &summaries)
        for port in bridge.ports { reconcile(port, on: name, &state, &commands, &summaries) }
        if let prune = bridge.prune {
            let listed = Set(bridge.ports.map(\.name) + [name])
            for port in state.bridges[name]!.ports.values.sorted(by: { $0.name < $1.name })
            where !listed.contains(port.name) && !port.fakeBridge && fnmatch(prune, port.name, 0) == 0 {
                commands.append(["--if-exists", "del-port", name, port.name])
                state.bridges[name]!.ports[port.name] = nil
                summaries.append("remove unlisted port \(port.name) from \(name)")
            }
        }
    }

    private func reconcile(
        _ port: Port, on bridge: String, _ state: inout OVSState, _ commands: inout [[String]],
        _ summaries: inout [String]
    ) {
        let existing = state.port(named: port.name)
        if port.absent {
            guard let existing, existing.bridge == bridge else { return }
            commands.append(["--if-exists", "del-port", bridge, port.name])
            state.bridges[bridge]?.ports[port.name] = nil
            summaries.append("remove port \(port.name) from \(bridge)")
            return
        }
        let wanted = Self.portState(port, keeping: existing?.port)
        if let existing, existing.bridge == bridge, existing.port.interfaceNames == port.interfaces.sorted(),
            (existing.port.interfaces.count > 1) == port.isBond
        {
            let before = commands.count
            updateAttributes(port, existing.port, &commands)
            if commands.count > before {
                summaries.append(wanted.differences(from: existing.port) ?? "reconcile port \(port.name) on \(bridge)")
            }
        } else {
            if let existing {
                commands.append(["--if-exists", "del-port", existing.bridge, port.name])
                state.bridges[existing.bridge]?.ports[port.name] = nil
            }
            releaseInterfaces(of: port, &state, &commands, &summaries)
            commands.append(
                port.isBond
                    ? ["--may-exist", "add-bond", bridge, port.name] + port.interfaces
                    : ["--may-exist", "add-port", bridge, port.name])
            updateAttributes(port, nil, &commands)
            summaries.append(
                existing.map { existing in
                    let place =
                        existing.bridge == bridge
                        ? "recreated on \(bridge)" : "moved from \(existing.bridge) to \(bridge)"
                    return wanted.differences(from: existing.port).map { "\($0) (\(place))" }
                        ?? "recreate \(port.isBond ? "bond" : "port") \(port.name) on \(bridge)"
                } ?? "add \(port.isBond ? "bond" : "port") \(port.name) to \(bridge)")
        }
        state.bridges[bridge]?.ports[port.name] = wanted
    }

    /// Removes other ports that hold an interface `port` claims (an interface moves from one
    /// bond or port to another), so the add in the same transaction can take it.
    private func releaseInterfaces(
        of port: Port, _ state: inout OVSState, _ commands: inout [[String]], _ summaries: inout [String]
    ) {
        for bridge in state.bridges.values.sorted(by: { $0.name < $1.name }) {
            for other in bridge.ports.values.sorted(by: { $0.name < $1.name })
            where other.name != port.name && !other.fakeBridge
                && other.interfaces.contains(where: { port.interfaces.contains($0.name) })
            {
                commands.append(["--if-exists", "del-port", bridge.name, other.name])
                state.bridges[bridge.name]?.ports[other.name] = nil
                summaries.append("remove port \(other.name) from \(bridge.name): its interfaces move to \(port.name)")
            }
        }
    }

    /// The commands that make `current` (nil for a port added in this transaction) look as `port` says.
    private func updateAttributes(_ port: Port, _ current: OVSState.Port?, _ commands: inout [[String]]) {
        let name = port.name
        func column(_ column: String, _ wanted: String?, _ have: String?) {
            guard wanted != have else { return }
            commands.append(
                wanted.map { ["set", "Port", name, "\(column)=\($0)"] } ?? ["clear", "Port", name, column])
        }
        column("tag", port.tag.map(String.init), current?.tag.map(String.init))
        column(
            "trunks", port.trunks.isEmpty ? nil : port.trunks.map(String.init).joined(separator: ","),
            current.flatMap { $0.trunks.isEmpty ? nil : $0.trunks.map(String.init).joined(separator: ",") })
        column("vlan_mode", port.vlanMode?.rawValue, current?.vlanMode)
        if port.isBond {
            column("bond_mode", port.bondMode?.rawValue, current?.bondMode)
            column("lacp", port.lacp?.rawValue, current?.lacp)
        }
        var otherConfig = current?.otherConfig ?? [:]
        var summaries: [String] = []
        setKeys(port.otherConfig, in: &otherConfig, column: "other_config", row: ("Port", name), &commands, &summaries)
        if port.isBond {
            var externalIDs = current?.externalIDs ?? [:]
            setKeys(
                port.externalIDs, in: &externalIDs, column: "external_ids", row: ("Port", name), &commands, &summaries)
            return
        }
        let interface = current?.interfaces.first
        if (interface?.type ?? "") != port.type {
            commands.append(["set", "Interface", name, "type=\(port.type.isEmpty ? "system" : port.type)"])
        }
        if let mac = port.mac, interface?.mac != mac {
            commands.append(["set", "Interface", name, "mac=\(Self.ovsString(mac))"])
        }
        var externalIDs = interface?.externalIDs ?? [:]
        setKeys(
            port.externalIDs, in: &externalIDs, column: "external_ids", row: ("Interface", name), &commands, &summaries)
    }

    private func setKeys(
        _ wanted: [String: String], in current: inout [String: String], column: String,
        row: (table: String, name: String),
        _ commands: inout [[String]], _ summaries: inout [String]
    ) {
        for key in wanted.keys.sorted() where current[key] != wanted[key] {
            commands.append([
                "set", row.table, row.name, "\(column):\(Self.ovsString(key))=\(Self.ovsString(wanted[key]!))",
            ])
            current[key] = wanted[key]
            summaries.append("set \(column):\(key)=\(wanted[key]!) on \(row.name)")
        }
    }

    /// The port as the OVSDB will hold it after the transaction.
    private static func portState(_ port: Port, keeping current: OVSState.Port?) -> OVSState.Port {
        let interfaces = port.interfaces.map { name -> OVSState.Interface in
            var interface = current?.interfaces.first { $0.name == name } ?? OVSState.Interface(name: name)
            if !port.isBond {
                interface.type = port.type
                if let mac = port.mac { interface.mac = mac }
                interface.externalIDs.merge(port.externalIDs) { $1 }
            }
            return interface
        }
        var state = OVSState.Port(
            name: port.name, interfaces: interfaces, tag: port.tag, trunks: port.trunks.sorted(),
            vlanMode: port.vlanMode?.rawValue, bondMode: port.isBond ? port.bondMode?.rawValue : current?.bondMode,
            lacp: port.isBond ? port.lacp?.rawValue : current?.lacp,
            otherConfig: (current?.otherConfig ?? [:]).merging(port.otherConfig) { $1 },
            externalIDs: current?.externalIDs ?? [:])
        if port.isBond { state.externalIDs.merge(port.externalIDs) { $1 } }
        return state
    }

    /// A string in ovs-vsctl's value syntax: always double-quoted, `"` and `\` escaped. By
    /// Unicode scalar: a `"` with a combining mark after it is one `Character`, and Foundation's
    /// search for `"` does not find it, yet ovs-vsctl reads the quote.
    static func ovsString(_ value: String) -> String {
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            if scalar == "\\" || scalar == "\"" { quoted.append("\\") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    // MARK: Reading the arguments

    private static func bridge(_ value: Value, _ reader: ValueReader) throws -> Bridge {
        let fields = try reader.map(value, allowed: bridgeKeys)
        var bridge = Bridge(name: try reader.interfaceName(fields["name"], "name"))
        bridge.absent = try reader.presence(fields["state"]) == .absent
        bridge.datapathType = try reader.choice(fields["datapath_type"], "datapath_type", among: ["system", "netdev"])
        bridge.parent = try fields["parent"].map { try reader.interfaceName($0, "parent") }
        bridge.vlan = try reader.vlan(fields["vlan"], "vlan")
        bridge.externalIDs = try reader.stringMap(
            fields["external_ids"], "external_ids", keys: .ovsMapKey, values: .ovsMapValue)
        bridge.otherConfig = try reader.stringMap(
            fields["other_config"], "other_config", keys: .ovsMapKey, values: .ovsMapValue)
        bridge.prune = try reader.string(fields["prune"], "prune")
        bridge.ports = try (reader.list(fields["ports"], "ports") ?? []).enumerated().map {
            try port($0.element, reader.at("\(reader.path).ports[\($0.offset)]"))
        }
        if (bridge.parent == nil) != (bridge.vlan == nil) {
            throw reader.error("a fake bridge needs both 'parent' and 'vlan'")
        }
        if bridge.parent != nil && !bridge.ports.isEmpty {
            throw reader.error("ports on a fake bridge are not supported; put them on its parent with a tag")
        }
        return bridge
    }

    private static func port(_ value: Value, _ reader: ValueReader) throws -> Port {
        let fields = try reader.map(value, allowed: portKeys)
        let name = try reader.interfaceName(fields["name"], "name")
        var port = Port(
            name: name,
            interfaces: try (reader.list(fields["interfaces"], "interfaces") ?? [.string(name)])
                .enumerated().map { try reader.interfaceName($0.element, "interfaces[\($0.offset)]") })
        port.absent = try reader.presence(fields["state"]) == .absent
        port.type =
            try reader.choice(fields["type"], "type", among: ["system", "internal", "patch"]).map {
                $0 == "system" ? "" : $0
            } ?? ""
        port.mac = try reader.mac(fields["mac"], "mac")
        port.tag = try reader.vlan(fields["tag"], "tag")
        port.trunks = try (reader.list(fields["trunks"], "trunks") ?? []).enumerated().map {
            try reader.vlan($0.element, "trunks[\($0.offset)]")!
        }
        port.vlanMode = try reader.choice(fields["vlan_mode"], "vlan_mode", among: VLANMode.allCases)
        port.bondMode = try reader.choice(fields["bond_mode"], "bond_mode", among: BondMode.modes(for: .ovs))
        port.lacp = try reader.choice(fields["lacp"], "lacp", among: LACPMode.allCases)
        port.otherConfig = try reader.stringMap(
            fields["other_config"], "other_config", keys: .ovsMapKey, values: .ovsMapValue)
        port.externalIDs = try reader.stringMap(
            fields["external_ids"], "external_ids", keys: .ovsMapKey, values: .ovsMapValue)
        if port.interfaces.isEmpty { throw reader.error("\(name): a port needs at least one interface") }
        if !port.isBond && (port.bondMode != nil || port.lacp != nil) {
            throw reader.error("\(name): bond_mode and lacp need a bond (two or more interfaces)")
        }
        if port.isBond && (port.type != "" || port.mac != nil) {
            throw reader.error("\(name): a bond has no type or mac of its own")
        }
        if let problem = VLANMode.problem(mode: port.vlanMode, tag: port.tag, trunks: port.trunks) {
            throw reader.error("\(name): \(problem)")
        }
        return port
    }

    private static func checkParents(_ bridges: [Bridge], _ reader: ValueReader) throws {
        let real = Set(bridges.filter { $0.parent == nil && !$0.absent }.map(\.name))
        for bridge in bridges {
            if let parent = bridge.parent, !real.contains(parent) {
                throw reader.error(
                    "fake bridge \(bridge.name): its parent \(parent) is not a bridge of this step",
                    hint: Suggestion.hint(for: parent, in: Array(real)))
            }
        }
        var owners: [String: String] = [:]
        for bridge in bridges {
            for port in bridge.ports where !port.absent {
                for interface in port.interfaces {
                    if let owner = owners[interface] {
                        throw reader.error(
                            "interface \(interface) is used twice (\(owner) and \(bridge.name)/\(port.name))")
                    }
                    owners[interface] = "\(bridge.name)/\(port.name)"
                }
            }
        }
    }
}
