/// A host's network, described once in its variables (`network:`), from which Trunkline renders
/// the interface files of the host's configuration system and the live Open vSwitch state.
public struct NetworkModel: Sendable, Equatable {
    /// An address with its prefix, on a bridge or an internal port.
    public struct Address: Sendable, Equatable {
        public var ip: IPv4Address
        public var prefix: Int
        /// The netmask of the prefix.
        public var netmask: IPv4Address { IPv4Address.netmask(prefix: prefix) }
        /// True if `other` is in this address's subnet.
        public func contains(_ other: IPv4Address) -> Bool {
            other.value & netmask.value == ip.value & netmask.value
        }
    }

    /// Layer-3 settings of a bridge or internal port.
    public struct Layer3: Sendable, Equatable {
        public var address: Address?
        public var gateway: IPv4Address?
        public var dns: [IPv4Address] = []
        public var dnsSearch: [String] = []
    }

    /// A bond of physical interfaces.
    public struct Bond: Sendable, Equatable {
        public var name: String
        public var interfaces: [String]
        /// `active-backup`, `balance-slb` or `balance-tcp`.
        public var mode: String
        /// `active`, `passive` or `off`, if set.
        public var lacp: String?
        /// Link monitoring interval in milliseconds (miimon), if set.
        public var miimon: Int?
        /// The preferred member of an active-backup Linux bond, if set.
        public var primary: String?
    }

    /// A bridge's uplink (a bond or an interface) with its VLAN settings.
    public struct Uplink: Sendable, Equatable {
        public var name: String
        public var tag: Int?
        public var trunks: [Int] = []
        public var vlanMode: String?
    }

    /// A bridge, or a fake bridge (`parent` and `vlan`).
    public struct Bridge: Sendable, Equatable {
        public var name: String
        public var uplinks: [Uplink] = []
        public var layer3 = Layer3()
        public var parent: String?
        public var vlan: Int?
    }

    /// An internal port on a bridge, carrying a host address (`mgmt0`, `vlan31`).
    public struct InternalPort: Sendable, Equatable {
        public var name: String
        public var bridge: String
        public var tag: Int?
        public var mac: String?
        public var externalIDs: [String: String] = [:]
        public var layer3 = Layer3()
    }

    /// IPv6 on the model's interfaces: off everywhere but the `except` ones, which keep SLAAC,
    /// with privacy extensions if asked.
    public struct IPv6Policy: Sendable, Equatable {
        public var except: [String] = []
        public var privacy = false
    }

    /// `ovs` or `linux-bridge`.
    public var backend: String
    /// The datapath type of the bridges, if set (the lab needs `netdev`).
    public var datapathType: String?
    /// Bonds, by name order.
    public var bonds: [Bond]
    /// Bridges in order: real bridges by name, then fake bridges by name.
    public var bridges: [Bridge]
    /// Internal ports, by name order.
    public var internalPorts: [InternalPort]
    /// The IPv6 policy, if the model has one.
    public var ipv6: IPv6Policy?
    /// Whether live Open vSwitch bridges the model does not name are deleted (`prune_bridges`),
    /// so that live state agrees with the interface files (which no longer have them).
    public var pruneBridges = false

    /// Every kernel interface the model names: bond members and plain uplinks, bridges, fake
    /// bridges and internal ports (OVS bonds themselves are no kernel device), sorted.
    public var kernelInterfaces: [String] {
        let uplinks = bridges.flatMap(\.uplinks).map(\.name).filter { bond($0) == nil }
        return Set(bonds.flatMap(\.interfaces) + uplinks + bridges.map(\.name) + internalPorts.map(\.name)).sorted()
    }

    /// The `net.ipv6.conf.NAME.*` settings the IPv6 policy gives an interface, by key suffix
    /// (`disable_ipv6`, `autoconf`, `use_tempaddr`); empty without a policy.
    public func ipv6Settings(of interface: String) -> [(key: String, value: Int)] {
        guard let ipv6 else { return [] }
        guard ipv6.except.contains(interface) else { return [("disable_ipv6", 1)] }
        return [("disable_ipv6", 0), ("autoconf", 1)] + (ipv6.privacy ? [("use_tempaddr", 2)] : [])
    }

    /// The bond called `name`, if there is one.
    public func bond(_ name: String) -> Bond? { bonds.first { $0.name == name } }

    /// With the Linux-bridge backend, the VLAN sub-interface (`bond0.100`) that carries a fake
    /// bridge: its parent's single uplink with the VLAN ID.
    public func vlanInterface(of bridge: Bridge) -> (name: String, link: String, id: Int)? {
        guard let parent = bridge.parent, let vlan = bridge.vlan,
              let link = bridges.first(where: { $0.name == parent })?.uplinks.first?.name else { return nil }
        return ("\(link).\(vlan)", link, vlan)
    }
}
