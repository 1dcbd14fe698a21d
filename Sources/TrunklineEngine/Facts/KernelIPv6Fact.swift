/// Whether the running kernel has IPv6 at all (`/proc/sys/net/ipv6`): the `@@ipv6` section,
/// read for the steps that set sysctl values live.
public enum KernelIPv6Fact: Fact {
    public static let section = "ipv6"
    public static let script = "if [ -d /proc/sys/net/ipv6 ]; then echo yes; else echo no; fi"

    /// False only when the section says `no`.
    public static func parse(_ section: [String]) -> Bool {
        section.first != "no"
    }
}

extension HostFacts {
    /// False when the running kernel has no IPv6 at all (booted with `ipv6.disable=1`): no
    /// `net.ipv6.*` key exists, and IPv6 is as off as a `disable_ipv6` setting can make it.
    /// True if it was not read.
    public var kernelIPv6: Bool { self[KernelIPv6Fact.self] ?? true }
}
