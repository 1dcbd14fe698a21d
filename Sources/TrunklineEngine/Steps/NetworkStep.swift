import TrunklineCore

/// `network`: the host's network from one model (usually `model: "{{ network }}"`, the host's
/// `network` variable): the interface files of the host's configuration system and the live
/// Open vSwitch state, planned together so that they always agree. Rendered: ifupdown
/// (`/etc/network/interfaces`, Debian and Ubuntu with ifupdown) and RHEL network-scripts
/// (`ifcfg-*` and `/etc/sysconfig/network`), for the host's configuration system or the one
/// `system:` names; on a netplan host without `system:` the step refuses to plan, and the host
/// fails before any change.
public struct NetworkStep: StepKind {
    public static let name = "network"
    public static let parameters = ["model", "system"]
    static let interfacesFile = "/etc/network/interfaces"

    let model: NetworkModel
    /// The configuration system to render for, when not the host's own (an Ubuntu host that
    /// the same play moves from netplan to ifupdown).
    let system: String?
    private let live: OVSStep
    private let systemSettings: LinesStep
    private let ipv6: SysctlStep?

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        guard let value = try arguments.value("model") else { throw InputError(arguments.location, "a network step needs 'model'") }
        let model = try NetworkModelReader(at: arguments.place("model")).read(value)
        self.model = model
        system = try arguments.choice("system", among: ["ifupdown", "network-scripts"])
        live = OVSStep(bridges: Self.ovsBridges(model))
        let settings = NetworkScriptsRenderer.systemSettings(model)
        systemSettings = try LinesStep(StepArguments(kind: LinesStep.name, location: arguments.location, values: [
            "path": .string("/etc/sysconfig/network"), "set": .map(settings.mapValues(Value.string)),
        ]))
        ipv6 = try model.ipv6.map { policy in
            try SysctlStep(StepArguments(kind: SysctlStep.name, location: arguments.location, values: [
                "file": .string("/etc/sysctl.d/91-trunkline-ipv6.conf"), "settings": .map(Self.ipv6Settings(model, policy)),
            ]))
        }
    }

    /// `disable_ipv6` for every interface of the model; SLAAC (and privacy addresses) where kept.
    static func ipv6Settings(_ model: NetworkModel, _ policy: NetworkModel.IPv6Policy) -> [String: Value] {
        var settings: [String: Value] = [:]
        for interface in model.kernelInterfaces {
            let kept = policy.except.contains(interface)
            settings["net.ipv6.conf.\(interface).disable_ipv6"] = .int(kept ? 0 : 1)
            if kept {
                settings["net.ipv6.conf.\(interface).autoconf"] = .int(1)
                if policy.privacy { settings["net.ipv6.conf.\(interface).use_tempaddr"] = .int(2) }
            }
        }
        return settings
    }

    public var needs: FactNeeds {
        FactNeeds(files: Set([Self.interfacesFile] + NetworkScriptsRenderer.files(model).keys), ovs: true)
            .union(systemSettings.needs).union(ipv6?.needs ?? FactNeeds())
    }

    public func precondition(_ facts: HostFacts) -> String? {
        ["ifupdown", "network-scripts"].contains(system ?? facts.networkSystem) ? nil
            : "the host configures its network with \(facts.networkSystem); Open vSwitch files are rendered for ifupdown and network-scripts"
    }

    public func plan(_ facts: HostFacts) -> [Change] {
        let scripts = (system ?? facts.networkSystem) == "network-scripts"
        let files = scripts
            ? NetworkScriptsRenderer.files(model) : [Self.interfacesFile: IfupdownRenderer.render(model)]
        var changes = files.keys.sorted().compactMap { path -> Change? in
            let current = facts.files[path] ?? .absent
            let contents = Array(files[path]!.utf8)
            let attributes = FileContent.attributes(mode: 0o644, owner: "root", group: "root", keeping: current)
            guard FileContent.differs(current, contents: contents, attributes: attributes) else { return nil }
            return FileContent.change(path: path, from: current, to: contents, attributes: attributes)
        }
        if scripts { changes += systemSettings.plan(facts) }
        // The sysctls come last: the ports they name exist once the OVS transaction has run.
        return changes + live.plan(facts) + (ipv6?.plan(facts) ?? [])
    }

    /// The model as `ovs` bridges: uplinks (bonds with their miimon), internal ports, fake bridges.
    static func ovsBridges(_ model: NetworkModel) -> [OVSStep.Bridge] {
        model.bridges.map { bridge in
            var result = OVSStep.Bridge(name: bridge.name, datapathType: bridge.parent == nil ? model.datapathType : nil,
                                        parent: bridge.parent, vlan: bridge.vlan)
            result.ports = bridge.uplinks.map { uplink in
                let bond = model.bond(uplink.name)
                var port = OVSStep.Port(name: uplink.name, interfaces: bond?.interfaces ?? [uplink.name])
                port.tag = uplink.tag
                port.trunks = uplink.trunks
                port.vlanMode = uplink.vlanMode
                port.bondMode = bond?.mode
                port.lacp = bond?.lacp
                if let miimon = bond?.miimon { port.otherConfig = ["bond-detect-mode": "miimon", "bond-miimon-interval": String(miimon)] }
                return port
            } + model.internalPorts.filter { $0.bridge == bridge.name }.map { internalPort in
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
