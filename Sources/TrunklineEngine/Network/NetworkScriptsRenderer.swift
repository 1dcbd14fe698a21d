/// Renders a `NetworkModel` as RHEL network-scripts files for Open vSwitch
/// (`/etc/sysconfig/network-scripts/ifcfg-NAME` with `DEVICETYPE=ovs` and
/// `TYPE=OVSBridge|OVSBond|OVSPort|OVSIntPort`, as seed 004 writes them by hand), and the
/// settings of `/etc/sysconfig/network`. Deterministic: the same model gives the same bytes.
enum NetworkScriptsRenderer: NetworkRenderer {
    static let system = "network-scripts"
    static let backends: [NetworkBackend] = [.ovs, .linuxBridge]
    static let directory = "/etc/sysconfig/network-scripts"
    /// The ifcfg files a host has, for finding those a smaller model no longer renders.
    static let listing: String? = directory + "/ifcfg-*"

    /// Linux bridges come up from the files when the network service restarts.
    static func activation(for backend: NetworkBackend) -> [String]? {
        backend == .linuxBridge ? ["systemctl", "restart", "network"] : nil
    }

    static func settings(_ model: NetworkModel) -> (path: String, values: [String: String])? {
        ("/etc/sysconfig/network", systemSettings(model))
    }

    /// Every ifcfg file, by path.
    static func files(_ model: NetworkModel) -> [String: String] {
        let files = model.backend == .linuxBridge ? linuxFiles(model) : ovsFiles(model)
        return Dictionary(
            uniqueKeysWithValues: files.map {
                ("\(directory)/ifcfg-\($0.key)", ([NetworkModel.header] + $0.value).joined(separator: "\n") + "\n")
            })
    }

    /// The ifcfg files' paths, taken from the files themselves: plain lines, cheap to build.
    static func paths(_ model: NetworkModel) -> Set<String> { Set(files(model).keys) }

    /// Linux bonds (`TYPE=Bond`, `BONDING_OPTS`), bridges (`TYPE=Bridge`) and VLAN
    /// sub-interfaces (`VLAN=yes`) under their bridges, as seed 004 writes them.
    private static func linuxFiles(_ model: NetworkModel) -> [String: [String]] {
        var files: [String: [String]] = [:]
        for bond in model.bonds {
            for interface in bond.interfaces {
                files[interface] = [
                    "DEVICE=\(interface)", "NAME=\(interface)", "TYPE=Ethernet", "BOOTPROTO=none", "ONBOOT=yes",
                    "MASTER=\(bond.name)", "SLAVE=yes", "NM_CONTROLLED=no",
                ]
            }
            var options = ["mode=\(bond.mode)"]
            if let miimon = bond.miimon { options.append("miimon=\(miimon)") }
            if let primary = bond.primary { options.append("primary=\(primary)") }
            files[bond.name] = [
                "DEVICE=\(bond.name)", "NAME=\(bond.name)", "TYPE=Bond", "BONDING_MASTER=yes", "ONBOOT=yes",
                "BOOTPROTO=none", "NM_CONTROLLED=no", quoted("BONDING_OPTS", options.joined(separator: " ")),
            ]
        }
        for bridge in model.bridges {
            var members = bridge.uplinks.map(\.name)
            if let vlan = model.vlanInterface(of: bridge) {
                files[vlan.name] = [
                    "DEVICE=\(vlan.name)", "VLAN=yes", "BOOTPROTO=none", "ONBOOT=yes", "NM_CONTROLLED=no",
                    "BRIDGE=\(bridge.name)",
                ]
                members = []
            }
            for member in members {
                if files[member] == nil {
                    files[member] = [
                        "DEVICE=\(member)", "NAME=\(member)", "TYPE=Ethernet", "BOOTPROTO=none", "ONBOOT=yes",
                        "NM_CONTROLLED=no",
                    ]
                }
                files[member]!.append("BRIDGE=\(bridge.name)")
            }
            files[bridge.name] =
                ["DEVICE=\(bridge.name)", "ONBOOT=yes", "TYPE=Bridge"] + layer3(bridge.layer3) + [
                    "NM_CONTROLLED=no", "DELAY=0",
                ]
        }
        return files
    }

    /// The IPv6 policy in ifcfg terms: `IPV6INIT=no`, or SLAAC with privacy addresses.
    private static func ipv6(_ name: String, _ model: NetworkModel) -> [String] {
        guard let policy = model.ipv6 else { return [] }
        guard policy.except.contains(name) else { return ["IPV6INIT=no"] }
        return ["IPV6INIT=yes", "IPV6_AUTOCONF=yes"] + (policy.privacy ? ["IPV6_PRIVACY=rfc3041"] : [])
    }

    /// Open vSwitch bridges, bonds, ports and internal ports (`DEVICETYPE=ovs`).
    private static func ovsFiles(_ model: NetworkModel) -> [String: [String]] {
        var files: [String: [String]] = [:]
        let members = model.bonds.flatMap(\.interfaces)
        for interface in members {
            files[interface] = [
                "DEVICE=\(interface)", "TYPE=Ethernet", "BOOTPROTO=none", "ONBOOT=yes", "NM_CONTROLLED=no",
                "HOTPLUG=no",
            ]
        }
        for bridge in model.bridges {
            var lines =
                ["DEVICE=\(bridge.name)", "ONBOOT=yes", "DEVICETYPE=ovs", "TYPE=OVSBridge"] + layer3(bridge.layer3)
            if let options = OVSOptions.fakeBridge(bridge) {
                lines.append(quoted("OVS_OPTIONS", options))
            } else if let settings = OVSExtra.bridgeSettings(model) {
                lines.append("OVS_EXTRA=\"set Bridge $DEVICE \(settings)\"")
            }
            files[bridge.name] = lines + ipv6(bridge.name, model) + ["HOTPLUG=no"]
            for uplink in bridge.uplinks { files[uplink.name] = uplinkLines(uplink, bridge: bridge.name, model) }
        }
        for port in model.internalPorts {
            var lines =
                ["DEVICE=\(port.name)", "ONBOOT=yes", "DEVICETYPE=ovs", "TYPE=OVSIntPort", "OVS_BRIDGE=\(port.bridge)"]
                + layer3(port.layer3)
            if let options = OVSOptions.internalPort(port) { lines.append(quoted("OVS_OPTIONS", options)) }
            if let extra = OVSExtra.interfaceSettings(port) {
                lines.append("OVS_EXTRA=\"set Interface $DEVICE \(extra)\"")
            }
            files[port.name] = lines + ipv6(port.name, model) + ["HOTPLUG=no"]
        }
        return files
    }

    /// `/etc/sysconfig/network` settings: networking on, and the default gateway if one is given.
    private static func systemSettings(_ model: NetworkModel) -> [String: String] {
        var settings = ["NETWORKING": "yes"]
        let gateways = (model.bridges.map(\.layer3) + model.internalPorts.map(\.layer3)).compactMap(\.gateway)
        if let gateway = gateways.first { settings["GATEWAY"] = gateway.description }
        return settings
    }

    private static func uplinkLines(_ uplink: NetworkModel.Uplink, bridge: String, _ model: NetworkModel) -> [String] {
        var lines = ["DEVICE=\(uplink.name)", "ONBOOT=yes", "DEVICETYPE=ovs"]
        let bond = model.bond(uplink.name)
        if let bond {
            lines += [
                "TYPE=OVSBond", "OVS_BRIDGE=\(bridge)", "BOOTPROTO=none",
                quoted("BOND_IFACES", bond.interfaces.joined(separator: " ")),
            ]
        } else {
            lines += ["TYPE=OVSPort", "OVS_BRIDGE=\(bridge)", "BOOTPROTO=none"]
        }
        if let options = OVSOptions.uplink(uplink, bond: bond) { lines.append(quoted("OVS_OPTIONS", options)) }
        return lines + (bond == nil ? ipv6(uplink.name, model) : []) + ["HOTPLUG=no"]
    }

    private static func layer3(_ layer3: NetworkModel.Layer3) -> [String] {
        guard let address = layer3.address else { return ["BOOTPROTO=none"] }
        var lines = ["BOOTPROTO=static", "IPADDR=\(address.ip)", "NETMASK=\(address.netmask)"]
        if let gateway = layer3.gateway { lines.append("GATEWAY=\(gateway)") }
        for (index, server) in layer3.dns.enumerated() { lines.append("DNS\(index + 1)=\(server)") }
        if !layer3.dnsSearch.isEmpty { lines.append(quoted("DOMAIN", layer3.dnsSearch.joined(separator: " "))) }
        return lines
    }

    /// `NAME="VALUE"` as a shell reads it when initscripts source the file: one literal value.
    static func quoted(_ name: String, _ value: String) -> String {
        "\(name)=\"\(OVSExtra.escapedForDoubleQuotes(value))\""
    }
}
