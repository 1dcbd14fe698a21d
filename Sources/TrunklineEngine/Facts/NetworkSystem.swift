/// What configures a host's network at boot, as the facts script finds it: the `@@netsys`
/// section.
public enum NetworkSystem: String, Fact {
    /// `/etc/network/interfaces` (Debian without netplan).
    case ifupdown
    /// `/etc/sysconfig/network-scripts/ifcfg-*` (RHEL and CentOS).
    case networkScripts = "network-scripts"
    /// `/etc/netplan/*.yaml` (Ubuntu).
    case netplan

    public static let section = "netsys"
    /// network-scripts if its directory is there, else netplan if a `*.yaml` is in /etc/netplan (a glob,
    /// no process), else ifupdown.
    public static let script =
        #"n=ifupdown; for f in /etc/netplan/*.yaml; do { [ -e "$f" ] || [ -L "$f" ]; } && n=netplan; done; "#
        + #"[ -d /etc/sysconfig/network-scripts ] && n=network-scripts; printf '%s\n' "$n""#

    /// The system the section names (ifupdown when it names none).
    public static func parse(_ section: [String]) -> NetworkSystem {
        section.first.flatMap(NetworkSystem.init(rawValue:)) ?? .ifupdown
    }
}

extension HostFacts {
    /// What configures the network (ifupdown if it was not read).
    public var networkSystem: NetworkSystem {
        get { self[NetworkSystem.self] ?? .ifupdown }
        set { self[NetworkSystem.self] = newValue }
    }
}
