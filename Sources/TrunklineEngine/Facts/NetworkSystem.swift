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
    public static let script = "if [ -d /etc/sysconfig/network-scripts ]; then echo network-scripts; "
        + "elif ls /etc/netplan/*.yaml > /dev/null 2>&1; then echo netplan; else echo ifupdown; fi"

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
