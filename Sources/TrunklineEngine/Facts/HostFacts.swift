/// What Trunkline knows of a host: gathered read-only in one remote exec, then updated in
/// memory by each planned change, so every step plans against the host as the steps before it
/// will have left it.
public struct HostFacts: Sendable, Equatable {
    /// `debian` or `rhel`.
    public var osFamily: String
    /// `/etc/os-release`'s `ID` (`ubuntu`, `debian`, `centos`).
    public var osID: String
    /// `/etc/os-release`'s `VERSION_ID`.
    public var osVersion: String
    /// `ifupdown`, `network-scripts` or `netplan`.
    public var networkSystem: String
    /// The host's name (`hostname`).
    public var hostname: String
    /// Network interfaces (`/sys/class/net`), sorted.
    public var interfaces: [String]
    /// The files the steps asked for.
    public var files: [String: FileState]
    /// Live sysctl values the steps asked for; a key the kernel does not have is missing.
    public var sysctl: [String: String]
    /// Exit statuses of the guard commands the steps asked for.
    public var checks: [[String]: Int32]
    /// The Open vSwitch database, if the steps asked for it.
    public var ovs: OVSState?
    /// The files matching each listing the steps asked for (their contents are in `files`).
    public var listings: [String: [String]] = [:]
    /// False when the running kernel has no IPv6 at all (booted with `ipv6.disable=1`): no
    /// `net.ipv6.*` key exists, and IPv6 is as off as a `disable_ipv6` setting can make it.
    public var kernelIPv6 = true
    /// What the host booted with and will boot with next, if asked for (`FactNeeds.boot`).
    public var boot: BootState?
    /// Live IPv4 addresses and the default route, if the steps asked for them.
    public var live: LiveNetwork?
    /// The address Trunkline reaches the host at (the inventory's `ansible_host`), when known:
    /// a network change must leave it on the host.
    public var managementAddress: String?

    /// Creates facts.
    public init(osFamily: String, osID: String, osVersion: String, networkSystem: String, hostname: String,
                interfaces: [String], files: [String: FileState] = [:], sysctl: [String: String] = [:],
                checks: [[String]: Int32] = [:]) {
        self.osFamily = osFamily
        self.osID = osID
        self.osVersion = osVersion
        self.networkSystem = networkSystem
        self.hostname = hostname
        self.interfaces = interfaces
        self.files = files
        self.sysctl = sysctl
        self.checks = checks
    }
}
