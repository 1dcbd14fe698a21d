import TrunklineCore
import TrunklineInput

/// Checks the text of an ifupdown interfaces file that a playbook writes verbatim, for the
/// mistakes of the field guides: a misspelt option (`ovs_option`, `dns-nameserver`), an OVS type
/// in the wrong case (`OVSbridge`), a netmask that is not contiguous (`255.255.155.0`). Options
/// it does not know and that resemble none it knows are left alone (ifupdown has plugins).
enum InterfacesFileLint {
    static let options = [
        "address", "netmask", "gateway", "broadcast", "network", "metric", "hwaddress", "mtu", "scope", "pointopoint",
        "media",
        "dns-nameservers", "dns-search", "dns-domain", "pre-up", "up", "post-up", "pre-down", "down", "post-down",
        "ovs_type", "ovs_bridge", "ovs_ports", "ovs_bonds", "ovs_options", "ovs_extra", "ovs_patch_peer",
        "ovs_tunnel_type",
        "ovs_tunnel_options", "bond-slaves", "bond-mode", "bond-miimon", "bond-primary", "bond-updelay",
        "bond-downdelay",
        "bridge_ports", "bridge_stp", "bridge_fd", "bridge_maxwait", "vlan-raw-device", "hostname", "accept_ra",
        "autoconf", "privext",
    ]
    static let ovsTypes = ["OVSBridge", "OVSPort", "OVSIntPort", "OVSBond", "OVSPatchPort", "OVSTunnel"]
    static let stanzas = [
        "iface", "auto", "source", "source-directory", "mapping", "rename", "no-auto-down", "no-scripts",
    ]

    /// True for the paths ifupdown reads.
    static func applies(to path: String) -> Bool {
        path == "/etc/network/interfaces" || path.hasPrefix("/etc/network/interfaces.d/")
    }

    /// Throws at `location` for the first mistake, naming the line of the file.
    static func check(_ text: String, path: String, at location: SourceLocation) throws {
        for (number, raw) in TextLines.split(text).enumerated() {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let key = words.first, !key.hasPrefix("#"), !stanzas.contains(key), !key.hasPrefix("allow-") else {
                continue
            }
            let place = "\(path) line \(number + 1)"
            if !options.contains(key), let hint = Suggestion.closest(to: key, in: options) {
                throw InputError(location, "\(place): unknown option '\(key)'", hint: "did you mean '\(hint)'?")
            }
            if key == "ovs_type", let type = words.dropFirst().first, !ovsTypes.contains(type) {
                throw InputError(
                    location, "\(place): unknown ovs_type '\(type)' (the names are case-sensitive)",
                    hint: ovsTypes.first { $0.lowercased() == type.lowercased() }.map { "did you mean '\($0)'?" })
            }
            if key == "netmask", let mask = words.dropFirst().first, let address = IPv4Address(mask),
                address.prefixLength == nil
            {
                throw InputError(
                    location, "\(place): netmask \(mask) is not contiguous",
                    hint: Suggestion.hint(for: mask, in: (0...32).map { IPv4Address.netmask(prefix: $0).description }))
            }
        }
    }
}
