/// What the steps of a play need to know of a host, gathered in one remote exec.
public struct FactNeeds: Sendable, Equatable {
    /// Files whose bytes, mode and owner are read.
    public var files: Set<String> = []
    /// Live sysctl values read with `sysctl -n`.
    public var sysctlKeys: Set<String> = []
    /// Guard commands (`unless:`) whose exit status is read. They must not change the host.
    public var checks: Set<[String]> = []
    /// Whether the Open vSwitch database is read (in one `ovs-vsctl` listing).
    public var ovs = false
    /// Glob patterns (`/etc/sysconfig/network-scripts/ifcfg-*`) whose matching files are read
    /// like `files`, for steps that own files they cannot name in advance.
    public var listings: Set<String> = []
    /// Whether the live IPv4 addresses and default route are read (`LiveNetwork`).
    public var liveNetwork = false
    /// Whether the boot id, the running and next kernel command lines and the blacklisted but
    /// loaded modules are read (`BootState`): for reboots and "reboot pending".
    public var boot = false

    /// The given needs (nothing by default).
    public init(files: Set<String> = [], sysctlKeys: Set<String> = [], checks: Set<[String]> = [], ovs: Bool = false,
                listings: Set<String> = [], liveNetwork: Bool = false, boot: Bool = false) {
        self.boot = boot
        self.files = files
        self.liveNetwork = liveNetwork
        self.listings = listings
        self.sysctlKeys = sysctlKeys
        self.checks = checks
        self.ovs = ovs
    }

    /// Both sets of needs.
    public func union(_ other: FactNeeds) -> FactNeeds {
        var merged = self
        merged.files.formUnion(other.files)
        merged.sysctlKeys.formUnion(other.sysctlKeys)
        merged.checks.formUnion(other.checks)
        merged.ovs = ovs || other.ovs
        merged.listings.formUnion(other.listings)
        merged.liveNetwork = liveNetwork || other.liveNetwork
        merged.boot = boot || other.boot
        return merged
    }
}
