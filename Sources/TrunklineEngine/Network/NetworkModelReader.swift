import TrunklineCore
import TrunklineInput

/// Reads and validates a `network:` description into a `NetworkModel`. Every rule of the
/// pre-flight validation is here, so a mistake is refused before any host is contacted, with
/// the field's path and, where one fits, the likely intended value.
///
/// ```yaml
/// network:
///   backend: ovs
///   bonds:   {bond0: {interfaces: [eth0, eth1], mode: active-backup, miimon: 100}}
///   bridges:
///     cloudbr0:   {ports: [bond0], address: 192.168.100.20/24, gateway: 192.168.100.1, dns-nameservers: [192.168.100.5]}
///     cloudbr100: {parent: cloudbr0, vlan: 100, address: 10.0.100.20/24}
///   internal:
///     vlan31: {bridge: vmbr0, tag: 31, address: 192.168.1.10/24, mac: "52:54:00:12:34:56", external_ids: {iface-id: vlan31}}
/// ```
struct NetworkModelReader {
    static let topKeys = ["backend", "datapath_type", "bonds", "bridges", "internal", "ipv6", "prune_bridges"]
    static let ipv6Keys = ["disable", "except", "privacy"]
    static let bondKeys = ["interfaces", "mode", "lacp", "miimon", "primary"]
    static let layer3Keys = ["address", "netmask", "gateway", "dns-nameservers", "dns-search"]
    static let bridgeKeys = ["ports", "parent", "vlan"] + layer3Keys
    static let uplinkKeys = ["name", "tag", "trunks", "vlan_mode"]
    static let internalKeys = ["bridge", "tag", "mac", "external_ids"] + layer3Keys

    let reader: ValueReader

    init(at location: SourceLocation) {
        reader = ValueReader(at: location, kind: "network")
    }

    func read(_ value: Value) throws -> NetworkModel {
        let fields = try reader.map(value, allowed: Self.topKeys)
        let backend = try reader.choice(fields["backend"], "backend", among: NetworkBackend.allCases) ?? .ovs
        let datapath = try reader.choice(fields["datapath_type"], "datapath_type", among: ["system", "netdev"])
        let bonds = try entries(fields["bonds"], "bonds").map { try bond($0.key, $0.value, backend: backend) }
        let bridges = try entries(fields["bridges"], "bridges").map { try bridge($0.key, $0.value) }
        let internalPorts = try entries(fields["internal"], "internal").map { try internalPort($0.key, $0.value) }
        if backend == .linuxBridge { try checkLinux(fields) }
        var model = NetworkModel(
            backend: backend, datapathType: datapath, bonds: bonds,
            bridges: bridges.filter { $0.parent == nil } + bridges.filter { $0.parent != nil },
            internalPorts: internalPorts)
        model.ipv6 = try fields["ipv6"].flatMap { try ipv6($0, interfaces: model.kernelInterfaces) }
        switch fields["prune_bridges"] {
        case nil, .null?, .bool(false)?: break
        case .bool(true)?: model.pruneBridges = true
        case let other?: throw reader.error("prune_bridges must be true or false, not \(other.typeName)")
        }
        try check(model)
        return model
    }

    private func entries(_ value: Value?, _ field: String) throws -> [(key: String, value: Value)] {
        guard let value, value != .null else { return [] }
        guard case .map(let entries) = value else {
            throw reader.error("\(field) must be a mapping of names, not \(value.typeName)")
        }
        return entries.keys.sorted().map { ($0, entries[$0]!) }
    }

    /// `ipv6: {disable: true, except: [vlan31], privacy: true}`; nil when IPv6 is left alone.
    private func ipv6(_ value: Value, interfaces: [String]) throws -> NetworkModel.IPv6Policy? {
        let at = reader.at("ipv6")
        let fields = try at.map(value, allowed: Self.ipv6Keys)
        guard case .bool(true) = fields["disable"] ?? .bool(false) else { return nil }
        var policy = NetworkModel.IPv6Policy()
        policy.except = try (at.list(fields["except"], "except") ?? []).map { try at.interfaceName($0, "except") }
        for name in policy.except where !interfaces.contains(name) {
            throw at.error(
                "except names \(name), which is no interface of the model",
                hint: Suggestion.hint(for: name, in: interfaces))
        }
        if let privacy = fields["privacy"] {
            guard case .bool(let flag) = privacy else { throw at.error("privacy must be true or false") }
            policy.privacy = flag
        }
        return policy
    }

    private func bond(_ name: String, _ value: Value, backend: NetworkBackend) throws -> NetworkModel.Bond {
        let linux = backend == .linuxBridge
        let at = reader.at("bonds.\(name)")
        let fields = try at.map(value, allowed: Self.bondKeys)
        let interfaces = try (at.list(fields["interfaces"], "interfaces") ?? []).enumerated().map {
            try at.interfaceName($0.element, "interfaces[\($0.offset)]")
        }
        guard interfaces.count >= 2 else {
            throw at.error("a bond needs at least two interfaces, not \(interfaces.count)")
        }
        let miimon = try fields["miimon"].map { value -> Int in
            guard case .int(let interval) = value, interval > 0 else {
                throw at.error("miimon must be a positive number of milliseconds")
            }
            return interval
        }
        _ = try at.interfaceName(.string(name), "name")
        let primary = try fields["primary"].map { try at.interfaceName($0, "primary") }
        if let primary, !interfaces.contains(primary) {
            throw at.error("primary \(primary) is not one of the bond's interfaces")
        }
        if primary != nil && !linux { throw at.error("primary is for the linux-bridge backend") }
        if fields["lacp"] != nil && linux {
            throw at.error("lacp is for the ovs backend; a Linux bond uses mode 802.3ad")
        }
        return NetworkModel.Bond(
            name: name, interfaces: interfaces,
            mode: try at.choice(fields["mode"], "mode", among: BondMode.modes(for: backend)) ?? .activeBackup,
            lacp: try at.choice(fields["lacp"], "lacp", among: LACPMode.allCases), miimon: miimon, primary: primary)
    }

    private func bridge(_ name: String, _ value: Value) throws -> NetworkModel.Bridge {
        let at = reader.at("bridges.\(name)")
        _ = try at.interfaceName(.string(name), "name")
        let fields = try at.map(value, allowed: Self.bridgeKeys)
        var bridge = NetworkModel.Bridge(name: name)
        bridge.uplinks = try (at.list(fields["ports"], "ports") ?? []).enumerated().map {
            try uplink($0.element, at.at("bridges.\(name).ports[\($0.offset)]"))
        }
        bridge.layer3 = try layer3(fields, at)
        bridge.parent = try fields["parent"].map { try at.interfaceName($0, "parent") }
        bridge.vlan = try at.vlan(fields["vlan"], "vlan")
        if (bridge.parent == nil) != (bridge.vlan == nil) {
            throw at.error("a fake bridge needs both 'parent' and 'vlan'")
        }
        if bridge.parent != nil && !bridge.uplinks.isEmpty { throw at.error("a fake bridge has no ports of its own") }
        return bridge
    }

    private func uplink(_ value: Value, _ at: ValueReader) throws -> NetworkModel.Uplink {
        if case .string = value { return NetworkModel.Uplink(name: try at.interfaceName(value, "name")) }
        let fields = try at.map(value, allowed: Self.uplinkKeys)
        let uplink = NetworkModel.Uplink(
            name: try at.interfaceName(fields["name"], "name"), tag: try at.vlan(fields["tag"], "tag"),
            trunks: try (at.list(fields["trunks"], "trunks") ?? []).enumerated().map {
                try at.vlan($0.element, "trunks[\($0.offset)]")!
            },
            vlanMode: try at.choice(fields["vlan_mode"], "vlan_mode", among: VLANMode.allCases))
        if let problem = VLANMode.problem(mode: uplink.vlanMode, tag: uplink.tag, trunks: uplink.trunks) {
            throw at.error(problem)
        }
        return uplink
    }

    private func internalPort(_ name: String, _ value: Value) throws -> NetworkModel.InternalPort {
        let at = reader.at("internal.\(name)")
        _ = try at.interfaceName(.string(name), "name")
        let fields = try at.map(value, allowed: Self.internalKeys)
        return NetworkModel.InternalPort(
            name: name, bridge: try at.interfaceName(fields["bridge"], "bridge"),
            tag: try at.vlan(fields["tag"], "tag"),
            mac: try at.mac(fields["mac"], "mac"),
            externalIDs: try at.stringMap(
                fields["external_ids"], "external_ids", keys: .ovsMapKey, values: .ovsMapValue),
            layer3: try layer3(fields, at))
    }

    private func layer3(_ fields: [String: Value], _ at: ValueReader) throws -> NetworkModel.Layer3 {
        var layer3 = NetworkModel.Layer3()
        if let text = try at.string(fields["address"], "address") {
            layer3.address = try address(text, netmask: try at.string(fields["netmask"], "netmask"), at)
        } else if fields["netmask"] != nil {
            throw at.error("netmask without address")
        }
        layer3.gateway = try fields["gateway"].map { try ip($0, "gateway", at) }
        if let gateway = layer3.gateway {
            guard let address = layer3.address else { throw at.error("gateway without address") }
            guard address.contains(gateway) else {
                throw at.error("gateway \(gateway) is not inside \(address.ip)/\(address.prefix)")
            }
        }
        layer3.dns = try (at.list(fields["dns-nameservers"], "dns-nameservers") ?? []).map {
            try ip($0, "dns-nameservers", at)
        }
        layer3.dnsSearch = try (at.list(fields["dns-search"], "dns-search") ?? []).enumerated().map {
            try at.checked(try at.string($0.element, "dns-search") ?? "", "dns-search[\($0.offset)]", .domainName)
        }
        return layer3
    }

    private func address(_ text: String, netmask: String?, _ at: ValueReader) throws -> NetworkModel.Address {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let ip = IPv4Address(parts[0]), parts.count <= 2 else {
            throw at.error("address '\(text)' is not an IPv4 address")
        }
        if parts.count == 2 {
            guard netmask == nil else { throw at.error("give the prefix length or a netmask, not both") }
            guard let prefix = Int(parts[1]), (0...32).contains(prefix) else {
                throw at.error("prefix /\(parts[1]) must be from 0 to 32")
            }
            return NetworkModel.Address(ip: ip, prefix: prefix)
        }
        guard let netmask else { throw at.error("address \(text) needs a prefix (/24) or a netmask") }
        guard let mask = IPv4Address(netmask) else { throw at.error("netmask '\(netmask)' is not a dotted quad") }
        guard let prefix = mask.prefixLength else {
            let likely = (0...32).map { IPv4Address.netmask(prefix: $0).description }
            throw at.error("netmask \(netmask) is not contiguous", hint: Suggestion.hint(for: netmask, in: likely))
        }
        return NetworkModel.Address(ip: ip, prefix: prefix)
    }

    private func ip(_ value: Value, _ field: String, _ at: ValueReader) throws -> IPv4Address {
        guard let text = try at.string(value, field), let ip = IPv4Address(text) else {
            throw at.error("\(field) '\(value.scalarText ?? value.typeName)' is not an IPv4 address")
        }
        return ip
    }

    /// What the Linux-bridge backend cannot express: OVS internal ports, VLAN settings on
    /// uplinks, datapath types.
    private func checkLinux(_ fields: [String: Value]) throws {
        if fields["internal"] != nil {
            throw reader.error("internal ports are for the ovs backend; with linux-bridge put the address on a bridge")
        }
        if fields["datapath_type"] != nil { throw reader.error("datapath_type is for the ovs backend") }
        if fields["prune_bridges"] != nil { throw reader.error("prune_bridges is for the ovs backend") }
        guard case .map(let bridges)? = fields["bridges"] else { return }
        for (name, bridge) in bridges {
            guard case .map(let settings) = bridge, case .list(let ports)? = settings["ports"] else { continue }
            for port in ports {
                if case .map = port {
                    throw reader.at("bridges.\(name).ports").error(
                        "tag, trunks and vlan_mode are for the ovs backend; use a fake bridge (parent + vlan)")
                }
            }
        }
    }

    /// The rules that look across the whole model.
    private func check(_ model: NetworkModel) throws {
        let real = Set(model.bridges.filter { $0.parent == nil }.map(\.name))
        for bridge in model.bridges {
            if let parent = bridge.parent, !real.contains(parent) {
                throw reader.error(
                    "fake bridge \(bridge.name): its parent \(parent) is not a bridge",
                    hint: Suggestion.hint(for: parent, in: Array(real)))
            }
            if model.backend == .linuxBridge, let parent = bridge.parent,
                model.bridges.first(where: { $0.name == parent })?.uplinks.count != 1
            {
                throw reader.error(
                    "bridge \(bridge.name): with linux-bridge, its parent \(parent) needs exactly one port to carry VLAN \(bridge.vlan ?? 0)"
                )
            }
            if model.backend == .linuxBridge, let vlanInterface = model.vlanInterface(of: bridge),
                vlanInterface.name.utf8.count > 15
            {
                throw reader.error(
                    "bridge \(bridge.name): the VLAN interface \(vlanInterface.name) would be longer than 15 bytes")
            }
        }
        for port in model.internalPorts where !real.contains(port.bridge) {
            throw reader.error(
                "internal port \(port.name): bridge \(port.bridge) is not a bridge",
                hint: Suggestion.hint(for: port.bridge, in: Array(real)))
        }
        var users: [String: String] = [:]
        func use(_ interface: String, by user: String) throws {
            if let other = users[interface] {
                throw reader.error("interface \(interface) is used by both \(other) and \(user)")
            }
            users[interface] = user
        }
        for bond in model.bonds { for interface in bond.interfaces { try use(interface, by: "bond \(bond.name)") } }
        for bridge in model.bridges {
            for uplink in bridge.uplinks { try use(uplink.name, by: "bridge \(bridge.name)") }
        }
        var owners: [IPv4Address: String] = [:]
        let addressed = model.bridges.map { ($0.name, $0.layer3) } + model.internalPorts.map { ($0.name, $0.layer3) }
        for (name, layer3) in addressed {
            guard let ip = layer3.address?.ip else { continue }
            if let other = owners[ip] { throw reader.error("address \(ip) is on both \(other) and \(name)") }
            owners[ip] = name
        }
    }
}
