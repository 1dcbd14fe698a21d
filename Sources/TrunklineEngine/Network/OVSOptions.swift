/// The Open vSwitch settings that both interface-file systems hand to ovs-vsctl as a port's or
/// bridge's options (ifupdown's `ovs_options`, network-scripts' `OVS_OPTIONS`), and the bond
/// monitoring that the live `ovs` reconciliation sets as well: written once, so that every
/// rendering and the live state say the same. Each is nil when there is nothing to say.
enum OVSOptions {
    /// The `other_config` of a bond that monitors its links with miimon every `interval` ms.
    static func bondMonitoring(miimon interval: Int) -> [String: String] {
        ["bond-detect-mode": "miimon", "bond-miimon-interval": String(interval)]
    }

    /// An uplink's options: its bond's mode, LACP and monitoring, if it is a bond, then its VLANs
    /// (`bond_mode=active-backup lacp=off … tag=31 vlan_mode=native-untagged trunks=31,32`).
    static func uplink(_ uplink: NetworkModel.Uplink, bond: NetworkModel.Bond?) -> String? {
        joined(
            (bond.map(bondOptions) ?? []) + vlanOptions(tag: uplink.tag, mode: uplink.vlanMode, trunks: uplink.trunks))
    }

    /// An internal port's options: its VLAN tag (`tag=31`).
    static func internalPort(_ port: NetworkModel.InternalPort) -> String? {
        joined(vlanOptions(tag: port.tag, mode: nil, trunks: []))
    }

    /// A fake bridge's options: its parent and VLAN (`cloudbr0 100`); nil for a real bridge.
    static func fakeBridge(_ bridge: NetworkModel.Bridge) -> String? {
        guard let parent = bridge.parent, let vlan = bridge.vlan else { return nil }
        return "\(parent) \(vlan)"
    }

    private static func bondOptions(_ bond: NetworkModel.Bond) -> [String] {
        var options = ["bond_mode=\(bond.mode)"]
        if let lacp = bond.lacp { options.append("lacp=\(lacp)") }
        if let miimon = bond.miimon {
            options += bondMonitoring(miimon: miimon).sorted { $0.key < $1.key }.map {
                "other_config:\($0.key)=\($0.value)"
            }
        }
        return options
    }

    private static func vlanOptions(tag: Int?, mode: VLANMode?, trunks: [Int]) -> [String] {
        var options: [String] = []
        if let tag { options.append("tag=\(tag)") }
        if let mode { options.append("vlan_mode=\(mode)") }
        if !trunks.isEmpty { options.append("trunks=\(trunks.map(String.init).joined(separator: ","))") }
        return options
    }

    private static func joined(_ options: [String]) -> String? {
        options.isEmpty ? nil : options.joined(separator: " ")
    }
}
