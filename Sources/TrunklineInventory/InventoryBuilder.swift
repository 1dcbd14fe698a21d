import TrunklineCore
import TrunklineInput

/// Collects groups, hosts and their inventory variables from every inventory source, as
/// Ansible's inventory data does: `all` and `ungrouped` exist from the start, a group nobody
/// claims as a child becomes a child of `all`, a host's port is taken where it is first listed.
struct InventoryBuilder {
    static let groupKeys = ["hosts", "vars", "children"]

    private(set) var groups: [String: InventoryGroup]
    private(set) var hosts: [String: InventoryHost] = [:]
    private(set) var hostOrder: [String] = []
    /// Group names in the order they were first seen.
    private var groupOrder: [String] = ["all", "ungrouped"]
    /// Groups that are some group's child.
    private var claimed: Set<String> = ["ungrouped"]
    /// The hosts of each group as a set, so that adding a host is one look-up however many the
    /// group has.
    private var groupMembers: [String: Set<String>] = [:]

    init(at location: SourceLocation = SourceLocation(whole: "inventory")) {
        var all = InventoryGroup(name: "all", location: location)
        all.children = ["ungrouped"]
        groups = ["all": all, "ungrouped": InventoryGroup(name: "ungrouped", location: location)]
    }

    // MARK: - Ansible's inventory data

    /// Adds a group (nothing if it exists).
    mutating func addGroup(_ name: String, at location: SourceLocation) throws {
        guard groups[name] == nil else { return }
        try Self.checkName(name, kind: "group", at: location)
        groups[name] = InventoryGroup(name: name, location: location)
        groupOrder.append(name)
    }

    func hasGroup(_ name: String) -> Bool { groups[name] != nil }
    func hasHost(_ name: String) -> Bool { hosts[name] != nil }

    /// Makes `child` (which must exist) a child of `parent`.
    mutating func addChild(_ child: String, to parent: String, at location: SourceLocation) throws {
        guard !isAncestor(child, of: parent) else {
            throw InputError(location, "group '\(child)' cannot be a child of '\(parent)': it is already its ancestor")
        }
        if !groups[parent]!.children.contains(child) { groups[parent]!.children.append(child) }
        claimed.insert(child)
    }

    /// Adds a host to `group` (which must exist); `port` becomes its `ansible_port` if this is
    /// where the host is first listed.
    mutating func addHost(_ name: String, to group: String?, port: Int?, at location: SourceLocation) throws {
        if hosts[name] == nil {
            try Self.checkName(name, kind: "host", at: location)
            hosts[name] = InventoryHost(name: name, location: location)
            hostOrder.append(name)
            if let port {
                hosts[name]!.variables["ansible_port"] = .int(port)
                hosts[name]!.origins["ansible_port"] = ValueOrigin(location)
            }
        }
        if let group, group != "all", groupMembers[group, default: []].insert(name).inserted {
            groups[group]!.hosts.append(name)
        }
    }

    /// Sets an inventory variable of a group; `ansible_group_priority` sets its priority instead.
    mutating func setGroupVariable(_ group: String, _ key: String, _ value: Value, origin: ValueOrigin) throws {
        if key == "ansible_group_priority" {
            guard let priority = value.scalarText.flatMap({ Int($0) }) else {
                throw InputError(
                    origin.location, "ansible_group_priority must be a whole number, not \(value.typeName)")
            }
            groups[group]!.priority = priority
            return
        }
        groups[group]!.variables[key] = value
        groups[group]!.origins[key] = origin
    }

    /// Sets an inventory variable of a host.
    mutating func setHostVariable(_ host: String, _ key: String, _ value: Value, origin: ValueOrigin) {
        hosts[host]!.variables[key] = value
        hosts[host]!.origins[key] = origin
    }

    /// The inventory: groups that are nobody's child become children of `all`, and `ungrouped`
    /// keeps only the hosts that are in no other group, with every host in no group at all.
    func build() -> Inventory {
        var groups = groups
        for name in groupOrder where name != "all" && !claimed.contains(name) && !groups["all"]!.children.contains(name)
        {
            groups["all"]!.children.append(name)
        }
        let grouped = Set(groups.values.filter { $0.name != "all" && $0.name != "ungrouped" }.flatMap(\.hosts))
        let listed = groups["ungrouped"]!.hosts.filter { !grouped.contains($0) }
        let listedSet = Set(listed)
        groups["ungrouped"]!.hosts = listed + hostOrder.filter { !grouped.contains($0) && !listedSet.contains($0) }
        return Inventory(groups: groups, hosts: hosts, hostOrder: hostOrder)
    }

    // MARK: - YAML inventories (Ansible's yaml plugin)

    /// Adds the top-level mapping of a YAML inventory file: each key a group (`all` or a child
    /// of it).
    mutating func add(root: YAMLNode) throws {
        for (name, keyNode, value) in try root.mapping("the inventory") {
            try group(name, value, at: keyNode)
        }
    }

    private mutating func group(_ name: String, _ node: YAMLNode?, at keyNode: YAMLNode) throws {
        try addGroup(name, at: keyNode.location)
        guard let node, !node.isNull else { return }
        for (key, keyNode, value) in try node.mapping("group '\(name)'") {
            guard Self.groupKeys.contains(key) else {
                throw InputError(
                    keyNode.location, "unknown key '\(key)' in group '\(name)'",
                    hint: Suggestion.hint(for: key, in: Self.groupKeys) ?? "a group has hosts, vars and children")
            }
            guard !value.isNull else { continue }
            // A bare string is one entry: `hosts: test5`.
            let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode?)]
            if value.isScalar {
                entries = [(try value.string("the \(key) of group '\(name)'"), value, nil)]
            } else {
                entries = try value.mapping("the \(key) of group '\(name)'").map { ($0.key, $0.keyNode, $0.value) }
            }
            switch key {
            case "hosts":
                for (pattern, hostNode, variables) in entries {
                    try addHosts(pattern, variables: variables, group: name, at: hostNode)
                }
            case "vars":
                guard value.isMapping else {
                    throw value.mismatch("the vars of group '\(name)'", expected: "a mapping")
                }
                let origins = value.origin().children
                for (variable, variableValue) in try Self.variables(value, field: "the vars of group '\(name)'") {
                    try setGroupVariable(
                        name, variable, variableValue, origin: origins[variable] ?? ValueOrigin(value.location))
                }
            default:
                for (child, childNode, body) in entries {
                    try addGroup(child, at: childNode.location)
                    try addChild(child, to: name, at: childNode.location)
                    try group(child, body, at: childNode)
                }
            }
        }
    }

    private mutating func addHosts(_ pattern: String, variables: YAMLNode?, group: String, at node: YAMLNode) throws {
        let (names, port) = try HostAddress.expand(pattern, at: node.location)
        let own =
            try variables.map { $0.isNull ? [:] : try Self.variables($0, field: "the variables of host '\(pattern)'") }
            ?? [:]
        let origins = variables.map { $0.isNull ? [:] : $0.origin().children } ?? [:]
        for name in names {
            try addHost(name, to: group, port: port, at: node.location)
            for (key, value) in own {
                setHostVariable(name, key, value, origin: origins[key] ?? ValueOrigin(node.location))
            }
        }
    }

    /// Whether `group` is `candidate` or below it: a walk down from `candidate` that visits
    /// each group once, however many paths lead to it.
    private func isAncestor(_ candidate: String, of group: String) -> Bool {
        var visited: Set<String> = [candidate], pending = [candidate]
        while let name = pending.popLast() {
            if name == group { return true }
            for child in groups[name]?.children ?? [] where visited.insert(child).inserted { pending.append(child) }
        }
        return false
    }

    /// The entries of a `vars:`-like mapping as values.
    static func variables(_ node: YAMLNode, field: String) throws -> [String: Value] {
        var variables: [String: Value] = [:]
        for (key, keyNode, value) in try node.mapping(field) {
            try checkVariableName(key, at: keyNode.location)
            variables[key] = value.value()
        }
        return variables
    }

    static func checkVariableName(_ key: String, at location: SourceLocation) throws {
        if isASCIIIdentifier(key) { return }
        guard key.first.map({ $0.isLetter || $0 == "_" }) == true,
            key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else {
            throw InputError(
                location, "'\(key)' is not a valid variable name (letters, digits and _, not starting with a digit)")
        }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`, checked on bytes: nearly every variable name, without Unicode look-ups.
    private static func isASCIIIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, first == UInt8(ascii: "_") || (first | 0x20 >= 97 && first | 0x20 <= 122)
        else { return false }
        return key.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (byte | 0x20 >= 97 && byte | 0x20 <= 122) || (byte >= 48 && byte <= 57)
        }
    }

    private static func checkName(_ name: String, kind: String, at location: SourceLocation) throws {
        let forbidden: (Character) -> Bool =
            kind == "host" ? { $0.isWhitespace || $0 == "," } : { $0.isWhitespace || $0 == ":" || $0 == "," }
        guard !name.isEmpty, !name.contains(where: forbidden) else {
            throw InputError(
                location, "'\(name)' is not a valid \(kind) name (no spaces\(kind == "host" ? "" : ", ':'") or ',')")
        }
    }
}
