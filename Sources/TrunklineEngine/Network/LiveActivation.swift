/// The live half of a network change, which interface files alone leave to the next boot: the
/// NICs the model enslaves brought up (Open vSwitch does not; ifupdown's and network-scripts'
/// hooks do at boot), the model's addresses moved onto their interfaces (from the NIC the model
/// enslaves, an old bridge or an old VLAN port), addresses the model no longer has taken off its
/// interfaces, the default route through the model's gateway, and the gateway told the address's
/// new MAC. Planned from
/// the live addresses and routes as `ip` commands derived from the model, the same on ifupdown,
/// network-scripts and netplan hosts: `ifdown` of the old stanzas needs the old configuration
/// system's own state (an Ubuntu host moving from netplan has none for ifupdown) and brings
/// interfaces down that need not go down, while these commands change exactly what differs and
/// run right after the OVS transaction, in the same on-host script. The files still are what the
/// host boots from; the lab's reboot tests show both agree.
enum LiveActivation {
    /// An address the model puts on an interface, with the gateway reached through it.
    struct Placement: Equatable {
        let interface: String
        let address: NetworkModel.Address
        let gateway: IPv4Address?

        var cidr: String { "\(address.ip)/\(address.prefix)" }
    }

    /// Every address of the model: on bridges (fake bridges too), then internal ports.
    static func placements(_ model: NetworkModel) -> [Placement] {
        let layer3 = model.bridges.map { ($0.name, $0.layer3) } + model.internalPorts.map { ($0.name, $0.layer3) }
        return layer3.compactMap { name, settings in
            settings.address.map { Placement(interface: name, address: $0, gateway: settings.gateway) }
        }
    }

    /// Interfaces the model makes Open vSwitch ports of type system (bond members, plain
    /// uplinks): the kernel no longer receives on them, so an address left there is dead.
    static func enslaved(_ model: NetworkModel) -> Set<String> {
        let uplinks = model.bridges.flatMap(\.uplinks).map(\.name)
        return Set(uplinks.flatMap { model.bond($0)?.interfaces ?? [$0] })
    }

    /// The changes that bring `live` to what `model` says.
    static func plan(_ model: NetworkModel, live: LiveNetwork) -> [Change] {
        var state = live
        var changes = linksUp(model, in: &state)
        changes += placements(model).compactMap { place($0, in: &state) }
        changes += strays(model, in: &state)
        if let route = defaultRoute(model, in: &state) { changes.append(route) }
        if let gateway = placements(model).compactMap(\.gateway).first, !changes.isEmpty {
            changes[changes.count - 1].effects.append(.run(announce(gateway)))
        }
        return changes
    }

    /// Brings up the enslaved NICs that are down: a bond member that is down is no member.
    private static func linksUp(_ model: NetworkModel, in state: inout LiveNetwork) -> [Change] {
        enslaved(model).sorted().filter(state.down.contains).map { device in
            state.down.remove(device)
            return Change(
                summary: "bring \(device) up (an Open vSwitch port in the model)",
                diff: "-\(device): down\n+\(device): up\n",
                effects: [.liveNetwork(commands: [["ip", "link", "set", "dev", device, "up"]], result: state)])
        }
    }

    /// Puts one address on its interface, taking it off wherever else it is.
    private static func place(_ placement: Placement, in state: inout LiveNetwork) -> Change? {
        let ip = String(describing: placement.address.ip)
        let elsewhere = state.addresses.sorted { $0.key < $1.key }.flatMap { device, cidrs in
            cidrs.filter {
                $0.split(separator: "/").first.map(String.init) == ip
                    && (device, $0) != (placement.interface, placement.cidr)
            }
            .map { (device: device, cidr: $0) }
        }
        let present = state.addresses[placement.interface, default: []].contains(placement.cidr)
        guard !present || !elsewhere.isEmpty else { return nil }
        var commands: [[String]] = []
        if !present {
            commands += [
                ["ip", "link", "set", "dev", placement.interface, "up"],
                ["ip", "addr", "replace", placement.cidr, "dev", placement.interface],
            ]
            state.addresses[placement.interface, default: []].append(placement.cidr)
            state.down.remove(placement.interface)
        }
        for old in elsewhere {
            commands.append(["ip", "addr", "del", old.cidr, "dev", old.device])
            state.addresses[old.device]?.removeAll { $0 == old.cidr }
        }
        let from = Set(elsewhere.map(\.device)).sorted().joined(separator: ", ")
        let summary =
            from.isEmpty
            ? "add \(placement.cidr) to \(placement.interface)"
            : "move \(placement.cidr) from \(from) to \(placement.interface)"
        let diff =
            elsewhere.map { "-\($0.device): \($0.cidr)\n" }.joined() + "+\(placement.interface): \(placement.cidr)\n"
        return Change(summary: summary, diff: diff, effects: [.liveNetwork(commands: commands, result: state)])
    }

    /// Takes off the model's interfaces every address the model does not give them: on an
    /// enslaved NIC it is dead, elsewhere it would not come back at the next boot.
    private static func strays(_ model: NetworkModel, in state: inout LiveNetwork) -> [Change] {
        let wanted = placements(model)
        return model.kernelInterfaces.flatMap { device -> [Change] in
            let stray = (state.addresses[device] ?? []).filter { cidr in
                !wanted.contains { $0.interface == device && $0.cidr == cidr }
            }
            // Secondaries first: deleting a primary address takes its secondaries with it
            // (promote_secondaries=0), and a later delete of one of them would fail.
            return stray.reversed().map { cidr in
                state.addresses[device]?.removeAll { $0 == cidr }
                let why = enslaved(model).contains(device) ? "an Open vSwitch port in the model" : "not in the model"
                return Change(
                    summary: "remove \(cidr) from \(device) (\(why))", diff: "-\(device): \(cidr)\n",
                    effects: [.liveNetwork(commands: [["ip", "addr", "del", cidr, "dev", device]], result: state)])
            }
        }
    }

    /// The default route through the model's (first) gateway, on the interface that reaches it.
    private static func defaultRoute(_ model: NetworkModel, in state: inout LiveNetwork) -> Change? {
        guard let placement = placements(model).first(where: { $0.gateway != nil }), let gateway = placement.gateway
        else { return nil }
        let wanted = LiveNetwork.DefaultRoute(gateway: String(describing: gateway), device: placement.interface)
        guard state.defaultRoute != wanted else { return nil }
        let old = state.defaultRoute.map { "-default via \($0.gateway) dev \($0.device)\n" } ?? ""
        state.defaultRoute = wanted
        return Change(
            summary: "default via \(wanted.gateway) dev \(wanted.device)",
            diff: old + "+default via \(wanted.gateway) dev \(wanted.device)\n",
            effects: [
                .liveNetwork(
                    commands: [["ip", "route", "replace", "default", "via", wanted.gateway, "dev", wanted.device]],
                    result: state)
            ])
    }

    /// One ping of the gateway: the host's ARP request tells the gateway (and the switch) the
    /// MAC the address now has, so the next connection does not wait for a stale neighbour
    /// entry to expire. Its failure is no failure of the change.
    static func announce(_ gateway: IPv4Address) -> [String] {
        ["sh", "-c", "ping -c 1 -W 1 \"$1\" > /dev/null 2>&1 || true", "sh", String(describing: gateway)]
    }
}
