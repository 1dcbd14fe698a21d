import TrunklineCore

/// `network`: the host's network from one model (usually `model: "{{ network }}"`, the host's
/// `network` variable): the interface files of the host's configuration system (or the one
/// `system:` names) and, for the Open vSwitch backend, the live OVS state, planned together so
/// that they always agree. Each configuration system is a `NetworkRenderer`: the ovs backend
/// renders ifupdown (`/etc/network/interfaces`) and RHEL network-scripts (`ifcfg-*`,
/// `/etc/sysconfig/network`); the linux-bridge backend renders netplan
/// (`/etc/netplan/50-trunkline.yaml`, then `netplan apply`) and network-scripts (then
/// `systemctl restart network`). Any other combination refuses to plan, and the host fails
/// before any change.
public struct NetworkStep: StepKind {
    public static let name = "network"
    public static let parameters = ["model", "system"]

    let model: NetworkModel
    /// The configuration system to render for, when not the host's own (an Ubuntu host that
    /// the same play moves from netplan to ifupdown).
    let system: String?
    private let live: OVSStep
    /// The shared-file settings of each system that has them (`NetworkRenderer.settings`), by system.
    private let settings: [String: LinesStep]
    private let ipv6: SysctlStep?

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        guard let value = try arguments.value("model") else {
            throw InputError(arguments.location, "a network step needs 'model'")
        }
        let model = try NetworkModelReader(at: arguments.place("model")).read(value)
        self.model = model
        system = try arguments.choice("system", among: NetworkRenderers.systems)
        live = OVSStep(bridges: Self.ovsBridges(model))
        settings = try Self.settingsSteps(model, at: arguments.location)
        let ipv6Settings = Self.ipv6Settings(model)
        ipv6 =
            try ipv6Settings.isEmpty
            ? nil
            : SysctlStep(
                StepArguments(
                    kind: SysctlStep.name, location: arguments.location,
                    values: [
                        "file": .string("/etc/sysctl.d/91-trunkline-ipv6.conf"), "settings": .map(ipv6Settings),
                    ]))
    }

    /// A `lines` step for each system's shared-file settings.
    private static func settingsSteps(_ model: NetworkModel, at location: SourceLocation) throws -> [String: LinesStep]
    {
        var steps: [String: LinesStep] = [:]
        for renderer in NetworkRenderers.all {
            guard let settings = renderer.settings(model) else { continue }
            steps[renderer.system] = try LinesStep(
                StepArguments(
                    kind: LinesStep.name, location: location,
                    values: [
                        "path": .string(settings.path), "set": .map(settings.values.mapValues(Value.string)),
                    ]))
        }
        return steps
    }

    /// With an IPv6 policy, `disable_ipv6` for every interface of the model, SLAAC (and privacy
    /// addresses) where kept. Without one, IPv6 off on the NICs the model makes Open vSwitch
    /// ports: they carry no address, and their link-local chatter (router solicitations,
    /// duplicate address detection, sent when a link comes up) goes out with the MAC their
    /// bridge shares, which teaches the switch that a bond's backup member has the host, and
    /// cuts it.
    static func ipv6Settings(_ model: NetworkModel) -> [String: Value] {
        var settings: [String: Value] = [:]
        if model.ipv6 != nil {
            for interface in model.kernelInterfaces {
                for (key, value) in model.ipv6Settings(of: interface) {
                    settings["net.ipv6.conf.\(interface).\(key)"] = .int(value)
                }
            }
        } else if model.backend == .ovs {
            for interface in LiveActivation.enslaved(model) {
                settings["net.ipv6.conf.\(interface).disable_ipv6"] = .int(1)
            }
        }
        return settings
    }

    /// The files of every system (any may be the host's, or an earlier one's to remove), and
    /// the live OVS state and addresses with the Open vSwitch backend.
    public var needs: FactNeeds {
        let renderers = NetworkRenderers.all
        let ovs = model.backend == .ovs
        return FactNeeds(
            files: renderers.reduce(into: Set()) { $0.formUnion($1.paths(model)) },
            listings: Set(renderers.compactMap { $0.listing }),
            facts: ovs ? [OVSFact.self, LiveNetwork.self] : []
        )
        .union(settings.values.reduce(FactNeeds()) { $0.union($1.needs) }).union(ipv6?.needs ?? FactNeeds())
    }

    public func precondition(_ facts: HostFacts) -> String? {
        let target = system ?? facts.networkSystem.rawValue
        guard NetworkRenderers.renderer(for: target, backend: model.backend) != nil else {
            let systems = NetworkRenderers.systems(rendering: model.backend)
            return
                "the host configures its network with \(target); the \(model.backend) backend is rendered for \(systems.joined(separator: " and "))"
        }
        // An uplink-less management bridge was refused pre-flight (ManagementAddressCheck).
        return facts.managementAddress.flatMap { strands($0, live: facts.live) }
    }

    /// Why the model would cut the host off at `managementAddress`, as far as the model alone
    /// tells (pre-flight, without facts): it puts the address on an interface with no uplink.
    public func refusal(managementAddress: String) -> String? {
        guard let ip = IPv4Address(managementAddress),
            let placement = LiveActivation.placements(model).first(where: { $0.address.ip == ip })
        else { return nil }
        let bridge = model.internalPorts.first { $0.name == placement.interface }?.bridge ?? placement.interface
        let root = model.bridges.first { $0.name == bridge }?.parent ?? bridge
        guard model.bridges.first(where: { $0.name == root })?.uplinks.isEmpty ?? true else { return nil }
        return
            "the model puts the management address \(managementAddress) on \(placement.interface), whose bridge \(root) has no uplink: "
            + "the host would not be reachable"
    }

    /// Why the model would take the management address off the host, given where it is now: on
    /// an interface the model enslaves (the address would be dead) or one of the model's own
    /// (the address would be removed as not in the model), while the model gives it to none.
    private func strands(_ management: String, live: LiveNetwork?) -> String? {
        guard let ip = IPv4Address(management), let live,
            !LiveActivation.placements(model).contains(where: { $0.address.ip == ip })
        else { return nil }
        let holders = live.holders(of: management)
        if let holder = holders.first(where: LiveActivation.enslaved(model).contains) {
            return
                "the model takes the management address \(management) off the host: it is on \(holder), which the model makes "
                + "an Open vSwitch port, and the model puts it on no interface"
        }
        guard let holder = holders.first(where: Set(model.kernelInterfaces).contains) else { return nil }
        return
            "the model takes the management address \(management) off the host: it is on \(holder), which the model gives "
            + "other addresses, and the model puts it on no interface"
    }

    /// The target system's files (after removing what an earlier model left), activated if the
    /// system needs it, its shared-file settings, then the live OVS state, the addresses and the
    /// sysctls. Nothing when the system does not render the backend (`precondition` refuses it).
    public func plan(_ facts: HostFacts) -> [Change] {
        let target = system ?? facts.networkSystem.rawValue
        guard let renderer = NetworkRenderers.renderer(for: target, backend: model.backend) else { return [] }
        var changes = fileChanges(renderer, facts)
        if let activate = renderer.activation(for: model.backend), !changes.isEmpty {
            changes[changes.count - 1].effects.append(.run(activate))
        }
        changes += settings[target]?.plan(facts) ?? []
        let liveOVS = model.backend == .ovs ? livePlan(facts) : []
        // Addresses move once the OVS transaction has made their interfaces; the sysctls come
        // last: the ports they name exist by then.
        let addresses = model.backend == .ovs ? facts.live.map { LiveActivation.plan(model, live: $0) } ?? [] : []
        return changes + liveOVS + addresses + (ipv6?.plan(facts) ?? [])
    }

    /// The removals of stale files, then the writes of the renderer's files that differ.
    private func fileChanges(_ renderer: any NetworkRenderer.Type, _ facts: HostFacts) -> [Change] {
        let files = renderer.files(model)
        return stale(facts, keeping: Set(files.keys))
            + files.keys.sorted().compactMap { path -> Change? in
                let current = facts.files[path] ?? .absent
                let contents = Array(files[path]!.utf8)
                let attributes = FileContent.attributes(
                    mode: renderer.mode, owner: "root", group: "root", keeping: current)
                guard FileContent.differs(current, contents: contents, attributes: attributes) else { return nil }
                return FileContent.change(path: path, from: current, to: contents, attributes: attributes)
            }
    }

    /// The live OVS changes; with `prune_bridges`, real bridges the model does not name are
    /// deleted first (with their fake bridges and ports), freeing their interfaces.
    private func livePlan(_ facts: HostFacts) -> [Change] {
        guard model.pruneBridges, let ovs = facts.ovs else { return live.plan(facts) }
        let named = Set(model.bridges.map(\.name))
        let stale = ovs.bridges.keys.filter { !named.contains($0) }.sorted()
        guard !stale.isEmpty else { return live.plan(facts) }
        return OVSStep(bridges: stale.map { OVSStep.Bridge(name: $0, absent: true) } + live.bridges).plan(facts)
    }

    /// Removals of files an earlier model rendered (they start with `NetworkModel.header`) that
    /// this one does not: ifcfg files of interfaces that are gone, which the network service
    /// would still bring up at boot, and the netplan file once the host is configured otherwise.
    private func stale(_ facts: HostFacts, keeping rendered: Set<String>) -> [Change] {
        NetworkRenderers.earlierFiles(listed: facts.listings).sorted().filter { !rendered.contains($0) }.compactMap {
            path in
            guard let text = facts.files[path]?.text, text.hasPrefix(NetworkModel.header + "\n") else { return nil }
            return Change(summary: "remove \(path) (no longer in the model)", effects: [.removeFile(path: path)]) {
                TextDiff.unified(old: text, new: nil, path: path)
            }
        }
    }

    /// The model as `ovs` bridges: uplinks (bonds with their miimon), internal ports, fake bridges.
    static func ovsBridges(_ model: NetworkModel) -> [OVSStep.Bridge] {
        model.bridges.map { bridge in
            var result = OVSStep.Bridge(
                name: bridge.name, datapathType: bridge.parent == nil ? model.datapathType : nil,
                parent: bridge.parent, vlan: bridge.vlan)
            result.ports =
                bridge.uplinks.map { uplink in
                    let bond = model.bond(uplink.name)
                    var port = OVSStep.Port(name: uplink.name, interfaces: bond?.interfaces ?? [uplink.name])
                    port.tag = uplink.tag
                    port.trunks = uplink.trunks
                    port.vlanMode = uplink.vlanMode
                    port.bondMode = bond?.mode
                    port.lacp = bond?.lacp
                    if let miimon = bond?.miimon { port.otherConfig = OVSOptions.bondMonitoring(miimon: miimon) }
                    return port
                }
                + model.internalPorts.filter { $0.bridge == bridge.name }.map { internalPort in
                    var port = OVSStep.Port(name: internalPort.name, interfaces: [internalPort.name])
                    port.type = "internal"
                    port.tag = internalPort.tag
                    port.mac = internalPort.mac
                    port.externalIDs = internalPort.externalIDs
                    return port
                }
            return result
        }
    }
}
