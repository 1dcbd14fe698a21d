import TrunklineCore

/// `libvirt_network`: a libvirt network on an Open vSwitch bridge with VLAN portgroups (seed
/// 001): its XML kept in a file the step owns, defined (`virsh net-define`), started and set to
/// autostart; or undefined with `state: absent`. Definition, activity and autostart are read
/// with `virsh net-info` while facts are gathered; a changed XML redefines the network and, if
/// it runs, restarts it so the new definition takes effect.
public struct LibvirtNetworkStep: StepKind {
    public static let name = "libvirt_network"
    public static let parameters = [
        "name", "bridge", "trunks", "native_vlan", "portgroups", "autostart", "state", "path",
    ]

    /// A portgroup: a name a VM's interface selects, and the VLAN it puts the VM on.
    struct Portgroup: Equatable {
        let name: String
        let tag: Int
        let isDefault: Bool
    }

    let network: String
    let bridge: String
    let trunks: [Int]
    let nativeVLAN: Int?
    let portgroups: [Portgroup]
    let autostart: Bool
    let present: Bool
    let path: String

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        let reader = ValueReader(at: arguments.location, kind: Self.name)
        network = try arguments.requiredString("name")
        guard !network.isEmpty, network.utf8.count <= 64,
            network.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else {
            throw InputError(
                arguments.place("name"),
                "libvirt_network.name '\(network)' must be letters, digits, '-', '_' or '.' (at most 64)")
        }
        present = try arguments.presence() == .present
        autostart = try arguments.bool("autostart") ?? true
        path = try arguments.string("path") ?? "/etc/trunkline/libvirt/\(network).xml"
        guard path.hasPrefix("/") else {
            throw InputError(arguments.place("path"), "libvirt_network.path must be absolute, not '\(path)'")
        }
        let bridgeValue = try arguments.value("bridge")
        bridge = present || bridgeValue != nil ? try reader.at("bridge").interfaceName(bridgeValue, "bridge") : ""
        trunks = try (reader.list(try arguments.value("trunks"), "trunks") ?? []).enumerated().map { index, value in
            try reader.at("trunks[\(index)]").vlan(value, "a trunk")!
        }
        nativeVLAN = try reader.vlan(try arguments.value("native_vlan"), "native_vlan")
        portgroups = try Self.portgroups(try arguments.value("portgroups"), reader)
        try validate(reader)
    }

    private static func portgroups(_ value: Value?, _ reader: ValueReader) throws -> [Portgroup] {
        try (reader.list(value, "portgroups") ?? []).enumerated().map { index, entry in
            let field = reader.at("portgroups[\(index)]")
            let map = try field.map(entry, allowed: ["name", "tag", "default"])
            let name = try field.string(map["name"], "name") ?? ""
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            else {
                throw field.error("name '\(name)' must be letters, digits, '-', '_' or '.'")
            }
            guard let tag = try field.vlan(map["tag"], "tag") else { throw field.error("tag is required") }
            let isDefault: Bool
            switch map["default"] {
            case nil, .null?: isDefault = false
            case .bool(let flag)?: isDefault = flag
            case let other?: throw field.error("default must be true or false, not \(other.typeName)")
            }
            return Portgroup(name: name, tag: tag, isDefault: isDefault)
        }
    }

    private func validate(_ reader: ValueReader) throws {
        if let nativeVLAN, !trunks.contains(nativeVLAN) {
            throw reader.error(
                "native_vlan \(nativeVLAN) is not in trunks \(trunks)", hint: "add \(nativeVLAN) to trunks")
        }
        if Set(trunks).count != trunks.count { throw reader.error("trunks lists a VLAN twice: \(trunks)") }
        var seen: Set<String> = []
        for group in portgroups where !seen.insert(group.name).inserted {
            throw reader.error("portgroup '\(group.name)' is listed twice")
        }
        if portgroups.filter(\.isDefault).count > 1 { throw reader.error("only one portgroup can be the default") }
        for group in portgroups where !trunks.isEmpty && !trunks.contains(group.tag) {
            throw reader.error("portgroup '\(group.name)' uses VLAN \(group.tag), which is not in trunks \(trunks)")
        }
    }

    var definedCheck: [String] { ["virsh", "net-info", "--", network] }
    var activeCheck: [String] { Self.infoCheck(network, "Active") }
    var autostartCheck: [String] { Self.infoCheck(network, "Autostart") }

    /// Exits 0 when `virsh net-info NAME` says `FIELD: yes`.
    static func infoCheck(_ network: String, _ field: String) -> [String] {
        ["sh", "-c", #"virsh net-info -- "$1" 2>/dev/null | grep -Eq "^$2:[[:space:]]+yes$""#, "sh", network, field]
    }

    /// Exits 0 when `virsh` is installed.
    static let virshCheck = ["sh", "-c", "command -v virsh > /dev/null"]

    public var needs: FactNeeds {
        FactNeeds(
            files: [path], checks: [Self.virshCheck, definedCheck, activeCheck, autostartCheck],
            facts: present ? [OVSFact.self] : [])
    }

    /// A network to define needs `virsh` and its Open vSwitch bridge (real or fake), as the
    /// steps before this one leave them.
    public func precondition(_ facts: HostFacts) -> String? {
        guard present else { return nil }
        guard facts.checks[Self.virshCheck] == 0 else { return "virsh is not installed (libvirt-clients or libvirt)" }
        guard let ovs = facts.ovs else { return "Open vSwitch does not answer, so bridge \(bridge) cannot be checked" }
        if ovs.bridges[bridge] != nil || ovs.port(named: bridge)?.port.fakeBridge == true { return nil }
        return "Open vSwitch bridge \(bridge) does not exist (create it with a network or ovs step before this one)"
    }

    /// The network's XML, laid out as in seed 001, every name escaped (`MarkupText`).
    var xml: String {
        var lines = [
            "<network>", "  <name>\(MarkupText.escaped(network, lineBreaks: .references))</name>",
            "  <forward mode='bridge'/>", "  <bridge name='\(MarkupText.escaped(bridge, lineBreaks: .references))'/>",
            "  <virtualport type='openvswitch'/>",
        ]
        if !trunks.isEmpty {
            lines.append("  <vlan trunk='yes'>")
            lines += trunks.map { "    <tag id='\($0)'\($0 == nativeVLAN ? " nativeMode='untagged'" : "")/>" }
            lines.append("  </vlan>")
        }
        for group in portgroups {
            lines += [
                "  <portgroup name='\(MarkupText.escaped(group.name, lineBreaks: .references))'\(group.isDefault ? " default='yes'" : "")>",
                "    <vlan>", "      <tag id='\(group.tag)'/>", "    </vlan>", "  </portgroup>",
            ]
        }
        lines.append("</network>")
        return lines.joined(separator: "\n") + "\n"
    }

    public func plan(_ facts: HostFacts) -> [Change] {
        present ? planPresent(facts) : planAbsent(facts)
    }

    private func planPresent(_ facts: HostFacts) -> [Change] {
        let current = facts.files[path] ?? .absent
        let contents = Array(xml.utf8)
        let attributes = FileContent.attributes(mode: 0o644, owner: "root", group: "root", keeping: current)
        let defined = facts.checks[definedCheck] == 0
        let active = facts.checks[activeCheck] == 0
        var changes: [Change] = []
        var running = active
        if FileContent.differs(current, contents: contents, attributes: attributes) || !defined {
            var change = FileContent.change(
                path: path, from: current, to: contents, attributes: attributes,
                summary: "\(defined ? "redefine" : "define") libvirt network \(network) on \(bridge)")
            change.effects += [
                .run(["virsh", "net-define", "--", path]), .recordCheck(command: definedCheck, status: 0),
            ]
            if active {
                change.effects += [
                    .run(["virsh", "net-destroy", "--", network]), .recordCheck(command: activeCheck, status: 1),
                ]
                running = false
            }
            changes.append(change)
        }
        if !running {
            changes.append(
                Change(
                    summary: "start libvirt network \(network)",
                    effects: [
                        .run(["virsh", "net-start", "--", network]), .recordCheck(command: activeCheck, status: 0),
                    ]))
        }
        if (facts.checks[autostartCheck] == 0) != autostart {
            changes.append(
                Change(
                    summary: "\(autostart ? "autostart" : "do not autostart") libvirt network \(network)",
                    effects: [
                        .run(["virsh", "net-autostart"] + (autostart ? [] : ["--disable"]) + ["--", network]),
                        .recordCheck(command: autostartCheck, status: autostart ? 0 : 1),
                    ]))
        }
        return changes
    }

    private func planAbsent(_ facts: HostFacts) -> [Change] {
        var effects: [Effect] = []
        if facts.checks[activeCheck] == 0 {
            effects += [.run(["virsh", "net-destroy", "--", network]), .recordCheck(command: activeCheck, status: 1)]
        }
        if facts.checks[definedCheck] == 0 {
            effects += [
                .run(["virsh", "net-undefine", "--", network]), .recordCheck(command: definedCheck, status: 1),
                .recordCheck(command: autostartCheck, status: 1),
            ]
        }
        let old = facts.files[path]?.text
        if old != nil { effects.append(.removeFile(path: path)) }
        guard !effects.isEmpty else { return [] }
        return [
            Change(summary: "undefine libvirt network \(network)", effects: effects) { [path] in
                TextDiff.unified(old: old, new: nil, path: path)
            }
        ]
    }
}
