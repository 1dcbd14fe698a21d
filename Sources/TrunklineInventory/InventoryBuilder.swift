import TrunklineCore
import TrunklineInput

/// Walks the YAML of an inventory file into groups and hosts, rejecting anything it does not
/// know with the place and a suggestion.
struct InventoryBuilder {
    static let groupKeys = ["hosts", "vars", "children"]

    private(set) var groups: [String: InventoryGroup] = [:]
    private(set) var hosts: [String: InventoryHost] = [:]
    private(set) var hostOrder: [String] = []
    /// The hosts of each group as a set, so that adding a host is one look-up however many the
    /// group has.
    private var groupMembers: [String: Set<String>] = [:]

    /// Adds the top-level mapping of an inventory file.
    mutating func add(root: YAMLNode) throws {
        ensureGroup("all", at: root.location)
        for (name, keyNode, value) in try root.mapping("the inventory") {
            try group(name, value, parent: name == "all" ? nil : "all", at: keyNode)
        }
    }

    /// The inventory, with `ungrouped` holding the hosts that are in no group but `all`.
    func build() -> Inventory {
        var groups = groups
        let location = groups["all"]!.location
        var ungrouped = groups["ungrouped"] ?? InventoryGroup(name: "ungrouped", location: location)
        let grouped = Set(groups.values.filter { $0.name != "all" && $0.name != "ungrouped" }.flatMap { group in
            group.hosts
        })
        let listed = Set(ungrouped.hosts)
        ungrouped.hosts = hostOrder.filter { !grouped.contains($0) && !listed.contains($0) } + ungrouped.hosts
        groups["ungrouped"] = ungrouped
        if !groups["all"]!.children.contains("ungrouped") { groups["all"]!.children.insert("ungrouped", at: 0) }
        return Inventory(groups: groups, hosts: hosts, hostOrder: hostOrder)
    }

    /// Merges the variables of a `vars:`-like mapping into a group's (they win over what it has).
    mutating func addVariables(_ node: YAMLNode, field: String, toGroup name: String) throws {
        groups[name]?.variables.merge(try Self.variables(node, field: field)) { $1 }
        groups[name]?.origins.merge(node.origin().children) { $1 }
    }

    /// Merges the variables of a `vars:`-like mapping into a host's (they win over what it has).
    mutating func addVariables(_ node: YAMLNode, field: String, toHost name: String) throws {
        hosts[name]?.variables.merge(try Self.variables(node, field: field)) { $1 }
        hosts[name]?.origins.merge(node.origin().children) { $1 }
    }

    private mutating func ensureGroup(_ name: String, at location: SourceLocation) {
        if groups[name] == nil { groups[name] = InventoryGroup(name: name, location: location) }
    }

    private mutating func group(_ name: String, _ node: YAMLNode, parent: String?, at keyNode: YAMLNode) throws {
        try Self.checkName(name, kind: "group", at: keyNode.location)
        ensureGroup(name, at: keyNode.location)
        if let parent {
            guard !isAncestor(name, of: parent) else {
                throw InputError(keyNode.location, "group '\(name)' cannot be a child of '\(parent)': it is already its ancestor")
            }
            if !groups[parent]!.children.contains(name) { groups[parent]!.children.append(name) }
        }
        guard !node.isNull else { return }
        for (key, keyNode, value) in try node.mapping("group '\(name)'") {
            switch key {
            case "hosts":
                guard !value.isNull else { continue }
                for (host, hostNode, variables) in try value.mapping("the hosts of group '\(name)'") {
                    try addHosts(host, variables: variables, group: name, at: hostNode)
                }
            case "vars":
                guard !value.isNull else { continue }
                try addVariables(value, field: "the vars of group '\(name)'", toGroup: name)
            case "children":
                guard !value.isNull else { continue }
                for (child, childNode, body) in try value.mapping("the children of group '\(name)'") {
                    try group(child, body, parent: name, at: childNode)
                }
            default:
                throw InputError(keyNode.location, "unknown key '\(key)' in group '\(name)'",
                                 hint: Suggestion.hint(for: key, in: Self.groupKeys) ?? "a group has hosts, vars and children")
            }
        }
    }

    private mutating func addHosts(_ pattern: String, variables: YAMLNode, group: String, at node: YAMLNode) throws {
        let names = try HostRange.expand(pattern, at: node.location)
        let own = variables.isNull ? [:] : try Self.variables(variables, field: "the variables of host '\(pattern)'")
        let origins = variables.isNull ? [:] : variables.origin().children
        for name in names {
            try Self.checkName(name, kind: "host", at: node.location)
            if hosts[name] == nil {
                hosts[name] = InventoryHost(name: name, location: node.location)
                hostOrder.append(name)
            }
            hosts[name]!.variables.merge(own) { $1 }
            hosts[name]!.origins.merge(origins) { $1 }
            if groupMembers[group, default: []].insert(name).inserted { groups[group]!.hosts.append(name) }
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
            guard key.first.map({ $0.isLetter || $0 == "_" }) == true,
                  key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw InputError(keyNode.location, "'\(key)' is not a valid variable name (letters, digits and _, not starting with a digit)")
            }
            variables[key] = value.value()
        }
        return variables
    }

    private static func checkName(_ name: String, kind: String, at location: SourceLocation) throws {
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == ":" || $0 == "," }) else {
            throw InputError(location, "'\(name)' is not a valid \(kind) name (no spaces, ':' or ',')")
        }
    }
}
