import TrunklineCore

/// `network`: the host's network from one model (usually `model: "{{ network }}"`, the host's
/// `network` variable): the interface file of the host's configuration system and the live
/// Open vSwitch state, planned together so that they always agree. Rendered so far: ifupdown
/// (`/etc/network/interfaces`, Debian and Ubuntu with ifupdown); on a host using another
/// configuration system the step refuses to plan, and the host fails before any change.
public struct NetworkStep: StepKind {
    public static let name = "network"
    public static let parameters = ["model"]
    static let interfacesFile = "/etc/network/interfaces"

    let model: NetworkModel
    private let live: OVSStep

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        guard let value = try arguments.value("model") else { throw InputError(arguments.location, "a network step needs 'model'") }
        model = try NetworkModelReader(at: arguments.place("model")).read(value)
        live = OVSStep(bridges: Self.ovsBridges(model))
    }

    public var needs: FactNeeds { FactNeeds(files: [Self.interfacesFile], ovs: true) }

    public func precondition(_ facts: HostFacts) -> String? {
        facts.networkSystem == "ifupdown" ? nil
            : "the host configures its network with \(facts.networkSystem); only ifupdown files are rendered so far"
    }

    public func plan(_ facts: HostFacts) -> [Change] {
        var changes: [Change] = []
        let current = facts.files[Self.interfacesFile] ?? .absent
        let contents = Array(IfupdownRenderer.render(model).utf8)
        let attributes = FileContent.attributes(mode: 0o644, owner: "root", group: "root", keeping: current)
        if FileContent.differs(current, contents: contents, attributes: attributes) {
            changes.append(FileContent.change(path: Self.interfacesFile, from: current, to: contents, attributes: attributes))
        }
        return changes + live.plan(facts)
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
