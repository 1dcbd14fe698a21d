import Yams

/// Renders a Linux-bridge `NetworkModel` as netplan YAML (Ubuntu 18.04+; seed 004): ethernets
/// without DHCP, bonds with their parameters, VLAN sub-interfaces for the fake bridges, and
/// bridges with their addresses. The YAML comes from a real emitter (Yams), so no value can add a
/// key, a route or a document; strings that YAML would read as something else are quoted.
/// Deterministic: names in order, one fixed layout. The default route is a `routes:` entry to
/// `0.0.0.0/0`, which netplan 0.36 (Ubuntu 18.04) through today's read alike, instead of the
/// deprecated `gateway4`.
enum NetplanRenderer: NetworkRenderer {
    static let system = "netplan"
    static let backends: [NetworkBackend] = [.linuxBridge]
    /// Where the rendered file goes.
    static let path = "/etc/netplan/50-trunkline.yaml"
    /// The file's mode: netplan warns that anything more open than 0600 is "too open".
    static let mode: Int32 = 0o600
    static let removable = [path]

    static func files(_ model: NetworkModel) -> [String: String] { [path: render(model)] }

    static func paths(_ model: NetworkModel) -> Set<String> { [path] }

    static func activation(for backend: NetworkBackend) -> [String]? { ["netplan", "apply"] }

    /// The netplan YAML.
    static func render(_ model: NetworkModel) -> String {
        let network = mapping(
            [("version", number(2)), ("renderer", text("networkd"))]
                + section("ethernets", ethernets(model)) + section("bonds", model.bonds.map { ($0.name, bond($0)) })
                + section("vlans", vlans(model))
                + section("bridges", model.bridges.sorted { $0.name < $1.name }.map { ($0.name, bridge($0, model)) }))
        // Serializing a tree of plain scalars, sequences and mappings cannot fail.
        let yaml = try! Yams.serialize(node: mapping([("network", network)]), indent: 2, width: -1)
        return NetworkModel.header + "\n" + yaml
    }

    private static func ethernets(_ model: NetworkModel) -> [(String, Node)] {
        let names =
            model.bonds.flatMap(\.interfaces)
            + model.bridges.flatMap(\.uplinks).map(\.name).filter { model.bond($0) == nil }
        return names.sorted().map { ($0, mapping([("dhcp4", flag(false))])) }
    }

    private static func bond(_ bond: NetworkModel.Bond) -> Node {
        var parameters: [(String, Node)] = [("mode", text(bond.mode.rawValue))]
        if let miimon = bond.miimon { parameters.append(("mii-monitor-interval", number(miimon))) }
        if let primary = bond.primary { parameters.append(("primary", text(primary))) }
        return mapping([
            ("dhcp4", flag(false)), ("interfaces", list(bond.interfaces)), ("parameters", mapping(parameters)),
        ])
    }

    private static func vlans(_ model: NetworkModel) -> [(String, Node)] {
        model.bridges.compactMap { model.vlanInterface(of: $0) }.sorted { $0.name < $1.name }.map { vlan in
            (vlan.name, mapping([("id", number(vlan.id)), ("link", text(vlan.link)), ("dhcp4", flag(false))]))
        }
    }

    private static func bridge(_ bridge: NetworkModel.Bridge, _ model: NetworkModel) -> Node {
        let members = model.vlanInterface(of: bridge).map { [$0.name] } ?? bridge.uplinks.map(\.name)
        return mapping(
            [("interfaces", list(members))] + layer3(bridge.layer3)
                + [("parameters", mapping([("stp", flag(false)), ("forward-delay", number(0))]))])
    }

    private static func layer3(_ layer3: NetworkModel.Layer3) -> [(String, Node)] {
        guard let address = layer3.address else { return [("dhcp4", flag(false))] }
        var entries: [(String, Node)] = [
            ("dhcp4", flag(false)), ("addresses", list(["\(address.ip)/\(address.prefix)"])),
        ]
        if let gateway = layer3.gateway {
            entries.append(
                ("routes", Node([mapping([("to", text("0.0.0.0/0")), ("via", text(gateway.description))])])))
        }
        var nameservers: [(String, Node)] = []
        if !layer3.dns.isEmpty { nameservers.append(("addresses", list(layer3.dns.map(\.description)))) }
        if !layer3.dnsSearch.isEmpty { nameservers.append(("search", list(layer3.dnsSearch))) }
        if !nameservers.isEmpty { entries.append(("nameservers", mapping(nameservers))) }
        return entries
    }

    /// `name:` with `entries` under it; nothing when there are none.
    private static func section(_ name: String, _ entries: [(String, Node)]) -> [(String, Node)] {
        entries.isEmpty ? [] : [(name, mapping(entries))]
    }

    private static func mapping(_ entries: [(String, Node)]) -> Node {
        Node(entries.map { (text($0.0), $0.1) })
    }

    private static func list(_ items: [String]) -> Node {
        Node(items.map(text), .implicit, .flow)
    }

    /// A string scalar, quoted where YAML would read it as another type.
    private static func text(_ string: String) -> Node {
        .scalar(string.represented())
    }

    private static func number(_ value: Int) -> Node { Node(String(value)) }

    private static func flag(_ value: Bool) -> Node { Node(value ? "true" : "false") }
}
