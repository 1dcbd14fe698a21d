/// Open vSwitch as facts see it: bridges, their ports (fake bridges are ports with
/// `fakeBridge` and a tag, as in the OVSDB), and each port's interfaces.
public struct OVSState: Sendable, Equatable {
    /// An interface of a port.
    public struct Interface: Sendable, Equatable {
        public var name: String
        /// `""` (a system interface), `internal`, `patch`, …
        public var type: String = ""
        /// A fixed MAC address, if one is set.
        public var mac: String?
        public var externalIDs: [String: String] = [:]
        public var otherConfig: [String: String] = [:]
    }

    /// A port of a bridge: one interface, or several for a bond.
    public struct Port: Sendable, Equatable {
        public var name: String
        public var interfaces: [Interface]
        public var tag: Int?
        public var trunks: [Int] = []
        public var vlanMode: String?
        public var bondMode: String?
        public var lacp: String?
        public var otherConfig: [String: String] = [:]
        public var externalIDs: [String: String] = [:]
        /// True for the port that stands for a fake bridge (`add-br NAME PARENT VLAN`).
        public var fakeBridge = false

        /// The interfaces' names, sorted.
        var interfaceNames: [String] { interfaces.map(\.name).sorted() }
    }

    /// A bridge with its ports.
    public struct Bridge: Sendable, Equatable {
        public var name: String
        public var datapathType: String = ""
        public var externalIDs: [String: String] = [:]
        public var otherConfig: [String: String] = [:]
        public var ports: [String: Port] = [:]
    }

    /// The bridges by name.
    public var bridges: [String: Bridge] = [:]

    /// Creates a state.
    public init(bridges: [String: Bridge] = [:]) {
        self.bridges = bridges
    }

    /// The bridge that has a port named `name`, and that port.
    func port(named name: String) -> (bridge: String, port: Port)? {
        for bridge in bridges.values { if let port = bridge.ports[name] { return (bridge.name, port) } }
        return nil
    }

    /// The bridges' and ports' settings as text, one line each, sorted, for diffs.
    func describe(_ names: [String]) -> String {
        var lines: [String] = []
        for name in names.sorted() {
            if let bridge = bridges[name] {
                lines.append(
                    "Bridge \(name): datapath_type=\(bridge.datapathType.isEmpty ? "system" : bridge.datapathType)\(Self.pairs(" external_ids", bridge.externalIDs))\(Self.pairs(" other_config", bridge.otherConfig))"
                )
                for port in bridge.ports.values.sorted(by: { $0.name < $1.name }) where port.name != name {
                    lines.append("  " + Self.describe(port))
                }
            } else if let (parent, port) = port(named: name), port.fakeBridge {
                lines.append("Bridge \(name): fake bridge on \(parent), VLAN \(port.tag.map(String.init) ?? "none")")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private static func describe(_ port: Port) -> String {
        var text = "Port \(port.name)"
        if port.fakeBridge { return text + ": fake bridge, VLAN \(port.tag.map(String.init) ?? "none")" }
        text += ": interfaces=\(port.interfaceNames.joined(separator: ","))"
        if let tag = port.tag { text += " tag=\(tag)" }
        if !port.trunks.isEmpty { text += " trunks=\(port.trunks.map(String.init).joined(separator: ","))" }
        if let mode = port.vlanMode { text += " vlan_mode=\(mode)" }
        if let mode = port.bondMode { text += " bond_mode=\(mode)" }
        if let lacp = port.lacp { text += " lacp=\(lacp)" }
        text += pairs(" other_config", port.otherConfig) + pairs(" external_ids", port.externalIDs)
        for interface in port.interfaces.sorted(by: { $0.name < $1.name })
        where !interface.type.isEmpty || interface.mac != nil || !interface.externalIDs.isEmpty {
            text +=
                " [\(interface.name)\(interface.type.isEmpty ? "" : " type=\(interface.type)")\(interface.mac.map { " mac=\($0)" } ?? "")\(pairs(" external_ids", interface.externalIDs))]"
        }
        return text
    }

    private static func pairs(_ label: String, _ map: [String: String]) -> String {
        map.isEmpty ? "" : "\(label):{" + map.keys.sorted().map { "\($0)=\(map[$0]!)" }.joined(separator: ",") + "}"
    }
}
