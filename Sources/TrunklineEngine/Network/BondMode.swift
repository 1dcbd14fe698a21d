/// How a bond spreads traffic over its members: an Open vSwitch `bond_mode`, or a Linux
/// bonding driver `mode`.
public enum BondMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// One member carries the traffic, another takes over when it fails (both backends).
    case activeBackup = "active-backup"
    /// Open vSwitch: by source MAC and VLAN.
    case balanceSLB = "balance-slb"
    /// Open vSwitch: by L3/L4 headers (needs LACP).
    case balanceTCP = "balance-tcp"
    /// Linux: round robin.
    case balanceRR = "balance-rr"
    /// Linux: by a hash of the headers.
    case balanceXOR = "balance-xor"
    /// Linux: IEEE 802.3ad (LACP).
    case ieee8023ad = "802.3ad"
    /// Linux: adaptive transmit load balancing.
    case balanceTLB = "balance-tlb"
    /// Linux: adaptive load balancing.
    case balanceALB = "balance-alb"

    /// The modes a bond of `backend` can have, in the order errors list them.
    static func modes(for backend: NetworkBackend) -> [BondMode] {
        switch backend {
        case .ovs: [.activeBackup, .balanceSLB, .balanceTCP]
        case .linuxBridge: [.activeBackup, .balanceRR, .balanceXOR, .ieee8023ad, .balanceTLB, .balanceALB]
        }
    }

    /// The name as playbooks write it.
    public var description: String { rawValue }
}
