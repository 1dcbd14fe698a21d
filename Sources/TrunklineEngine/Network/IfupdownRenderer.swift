/// Renders a `NetworkModel` as a Debian/Ubuntu `/etc/network/interfaces` with Open vSwitch
/// stanzas (`allow-ovs`, `allow-BRIDGE`, `ovs_type OVSBridge|OVSBond|OVSPort|OVSIntPort`,
/// `ovs_bridge`, `ovs_ports`, `ovs_bonds`, `ovs_options`, `ovs_extra`), which ifupdown and Open
/// vSwitch's hook scripts turn into the same OVSDB rows as the live `ovs` reconciliation.
/// The output is deterministic: the same model always gives the same bytes.
enum IfupdownRenderer: NetworkRenderer {
    static let system = "ifupdown"
    static let backends: [NetworkBackend] = [.ovs]
    /// Where the rendered file goes.
    static let path = "/etc/network/interfaces"

    static func files(_ model: NetworkModel) -> [String: String] { [path: render(model)] }

    static func paths(_ model: NetworkModel) -> Set<String> { [path] }

    /// The interfaces file.
    static func render(_ model: NetworkModel) -> String {
        var stanzas = [NetworkModel.header + "\nauto lo\niface lo inet loopback"]
        // Bond members need a stanza of their own; a plain uplink gets its OVSPort stanza below
        // (a second `iface` for the same name would be refused by ifupdown).
        stanzas += model.bonds.flatMap(\.interfaces).sorted().map { "iface \($0) inet manual" }
        for bridge in model.bridges {
            stanzas.append(bridgeStanza(bridge, model))
            for uplink in bridge.uplinks { stanzas.append(uplinkStanza(uplink, bridge: bridge.name, model)) }
            for port in model.internalPorts where port.bridge == bridge.name {
                stanzas.append(internalStanza(port, model))
            }
        }
        return stanzas.joined(separator: "\n\n") + "\n"
    }

    /// `post-up` lines that apply the IPv6 policy each time the interface comes up: OVS
    /// recreates bridges and internal ports, so boot-time sysctl files cannot reach them.
    private static func ipv6(_ name: String, _ model: NetworkModel) -> [String] {
        model.ipv6Settings(of: name).map { "    post-up sysctl -q -w net.ipv6.conf.${IFACE}.\($0.key)=\($0.value)" }
    }

    private static func bridgeStanza(_ bridge: NetworkModel.Bridge, _ model: NetworkModel) -> String {
        var lines = [
            "auto \(bridge.name)", "allow-ovs \(bridge.name)", "iface \(bridge.name) inet \(method(bridge.layer3))",
        ]
        lines += layer3(bridge.layer3) + ipv6(bridge.name, model)
        lines.append("    ovs_type OVSBridge")
        if let options = OVSOptions.fakeBridge(bridge) {
            lines.append("    ovs_options \(options)")
            return lines.joined(separator: "\n")
        }
        let ports = bridge.uplinks.map(\.name) + model.internalPorts.filter { $0.bridge == bridge.name }.map(\.name)
        if !ports.isEmpty { lines.append("    ovs_ports \(ports.joined(separator: " "))") }
        if let settings = OVSExtra.bridgeSettings(model) {
            lines.append("    ovs_extra set Bridge ${IFACE} \(settings)")
        }
        return lines.joined(separator: "\n")
    }

    private static func uplinkStanza(_ uplink: NetworkModel.Uplink, bridge: String, _ model: NetworkModel) -> String {
        var lines = ["allow-\(bridge) \(uplink.name)", "iface \(uplink.name) inet manual", "    ovs_bridge \(bridge)"]
        let bond = model.bond(uplink.name)
        if let bond {
            lines += ["    ovs_type OVSBond", "    ovs_bonds \(bond.interfaces.joined(separator: " "))"]
        } else {
            lines.append("    ovs_type OVSPort")
            lines += ipv6(uplink.name, model)
        }
        if let options = OVSOptions.uplink(uplink, bond: bond) { lines.append("    ovs_options \(options)") }
        return lines.joined(separator: "\n")
    }

    private static func internalStanza(_ port: NetworkModel.InternalPort, _ model: NetworkModel) -> String {
        var lines = ["allow-\(port.bridge) \(port.name)", "iface \(port.name) inet \(method(port.layer3))"]
        lines += layer3(port.layer3) + ipv6(port.name, model)
        lines += ["    ovs_type OVSIntPort", "    ovs_bridge \(port.bridge)"]
        if let options = OVSOptions.internalPort(port) { lines.append("    ovs_options \(options)") }
        if let settings = OVSExtra.interfaceSettings(port) {
            lines.append("    ovs_extra set Interface ${IFACE} \(settings)")
        }
        return lines.joined(separator: "\n")
    }

    private static func method(_ layer3: NetworkModel.Layer3) -> String {
        layer3.address == nil ? "manual" : "static"
    }

    private static func layer3(_ layer3: NetworkModel.Layer3) -> [String] {
        guard let address = layer3.address else { return [] }
        var lines = ["    address \(address.ip)", "    netmask \(address.netmask)"]
        if let gateway = layer3.gateway { lines.append("    gateway \(gateway)") }
        if !layer3.dns.isEmpty {
            lines.append("    dns-nameservers \(layer3.dns.map(\.description).joined(separator: " "))")
        }
        if !layer3.dnsSearch.isEmpty { lines.append("    dns-search \(layer3.dnsSearch.joined(separator: " "))") }
        return lines
    }
}
