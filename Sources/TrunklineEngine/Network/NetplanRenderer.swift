/// Renders a Linux-bridge `NetworkModel` as netplan YAML (Ubuntu 18.04+; seed 004): ethernets
/// without DHCP, bonds with their parameters, VLAN sub-interfaces for the fake bridges, and
/// bridges with their addresses. Deterministic: names in order, one fixed layout.
enum NetplanRenderer {
    /// Where the rendered file goes.
    static let path = "/etc/netplan/50-trunkline.yaml"

    static func render(_ model: NetworkModel) -> String {
        var lines = [NetworkModel.header,
                     "network:", "  version: 2", "  renderer: networkd"]
        let vlans = model.bridges.compactMap { model.vlanInterface(of: $0) }
        let ethernets = (model.bonds.flatMap(\.interfaces) + model.bridges.flatMap(\.uplinks).map(\.name).filter { model.bond($0) == nil }).sorted()
        if !ethernets.isEmpty {
            lines.append("  ethernets:")
            for name in ethernets { lines += ["    \(name):", "      dhcp4: false"] }
        }
        if !model.bonds.isEmpty {
            lines.append("  bonds:")
            for bond in model.bonds {
                lines += ["    \(bond.name):", "      dhcp4: false", "      interfaces: [\(bond.interfaces.joined(separator: ", "))]",
                          "      parameters:", "        mode: \(bond.mode)"]
                if let miimon = bond.miimon { lines.append("        mii-monitor-interval: \(miimon)") }
                if let primary = bond.primary { lines.append("        primary: \(primary)") }
            }
        }
        if !vlans.isEmpty {
            lines.append("  vlans:")
            for vlan in vlans.sorted(by: { $0.name < $1.name }) {
                lines += ["    \(vlan.name):", "      id: \(vlan.id)", "      link: \(vlan.link)", "      dhcp4: false"]
            }
        }
        if !model.bridges.isEmpty {
            lines.append("  bridges:")
            for bridge in model.bridges.sorted(by: { $0.name < $1.name }) {
                let members = model.vlanInterface(of: bridge).map { [$0.name] } ?? bridge.uplinks.map(\.name)
                lines += ["    \(bridge.name):", "      interfaces: [\(members.joined(separator: ", "))]"]
                lines += layer3(bridge.layer3)
                lines += ["      parameters:", "        stp: false", "        forward-delay: 0"]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func layer3(_ layer3: NetworkModel.Layer3) -> [String] {
        guard let address = layer3.address else { return ["      dhcp4: false"] }
        var lines = ["      dhcp4: false", "      addresses: [\(address.ip)/\(address.prefix)]"]
        if let gateway = layer3.gateway { lines.append("      gateway4: \(gateway)") }
        if !layer3.dns.isEmpty || !layer3.dnsSearch.isEmpty {
            lines.append("      nameservers:")
            if !layer3.dns.isEmpty { lines.append("        addresses: [\(layer3.dns.map(\.description).joined(separator: ", "))]") }
            if !layer3.dnsSearch.isEmpty { lines.append("        search: [\(layer3.dnsSearch.joined(separator: ", "))]") }
        }
        return lines
    }
}
