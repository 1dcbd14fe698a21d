import TrunklineCore

/// An Ansible-compatible inventory: groups (`all` at the top, `ungrouped` for hosts in no other
/// group), hosts, and their variables.
///
/// Variable precedence is Ansible's, lowest first (groups sorted by depth below `all`, then
/// `ansible_group_priority`, then name, so a child beats its parent):
/// 1. the inventory sources' variables of `all`, then of the host's other groups;
/// 2. `group_vars/all` beside the inventory, then beside the playbook;
/// 3. `group_vars/GROUP` of the other groups beside the inventory (source by source, each
///    source's files for every group before the next source's), then beside the playbook;
/// 4. the host's variables in the inventory sources, `host_vars/HOST` beside the inventory,
///    then beside the playbook;
/// 5. (play variables, applied by the caller) and extra variables (`-e`).
public struct Inventory: Sendable {
    /// Every group by name, `all` and `ungrouped` included.
    public internal(set) var groups: [String: InventoryGroup]
    /// Every host by name.
    public internal(set) var hosts: [String: InventoryHost]
    /// Host names in the order they first appear in the inventory.
    public let hostOrder: [String]
    /// Each group's distance from `all` (its longest path).
    public let depths: [String: Int]
    /// Each host's groups, direct or through a child group, `all` included.
    private let membership: [String: Set<String>]
    /// `groups`: every group's hosts, in inventory order.
    private let groupsVariable: Value

    /// Creates an inventory; the groups' child relations must be free of cycles.
    public init(groups: [String: InventoryGroup], hosts: [String: InventoryHost], hostOrder: [String]) {
        self.groups = groups
        self.hosts = hosts
        self.hostOrder = hostOrder
        var depths = ["all": 0], ancestors: [String: Set<String>] = ["all": ["all"]],
            members: [String: Set<String>] = [:]
        for name in Self.parentsFirst(groups) {
            guard let group = groups[name] else { continue }
            let above = ancestors[name, default: [name]]
            for host in group.hosts { members[host, default: []].formUnion(above) }
            for child in group.children where groups[child] != nil {
                depths[child] = max(depths[child] ?? 0, depths[name, default: 0] + 1)
                ancestors[child, default: [child]].formUnion(above)
            }
        }
        self.depths = depths
        membership = members
        var byGroup: [String: [Value]] = ["all": hostOrder.map(Value.string)]
        for host in hostOrder {
            for group in members[host, default: []] where group != "all" {
                byGroup[group, default: []].append(.string(host))
            }
        }
        for name in groups.keys where byGroup[name] == nil { byGroup[name] = [] }
        groupsVariable = .map(byGroup.mapValues(Value.list))
    }

    /// The groups below `all`, each after every group it is a child of (a depth-first walk that
    /// visits each group once, so that a wide and deep graph of groups takes linear time).
    private static func parentsFirst(_ groups: [String: InventoryGroup]) -> [String] {
        var finished: [String] = [], visited: Set<String> = ["all"], stack: [(name: String, next: Int)] = [("all", 0)]
        while let (name, next) = stack.last {
            let children = groups[name]?.children ?? []
            if next == children.count {
                finished.append(name)
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            if groups[children[next]] != nil, visited.insert(children[next]).inserted {
                stack.append((children[next], 0))
            }
        }
        return finished.reversed()
    }

    /// The groups `host` belongs to, directly or through a child group, `all` included.
    public func groupNames(of host: String) -> Set<String> {
        membership[host, default: []].union(["all"])
    }

    /// The hosts of `group`, directly or through its children, in inventory order.
    public func hostNames(in group: String) -> [String] {
        hostOrder.filter { membership[$0, default: []].contains(group) || group == "all" }
    }

    /// The host's groups, lowest precedence first: by depth, then by priority, then by name.
    private func groupsByPrecedence(of host: String) -> [String] {
        groupNames(of: host).sorted {
            (depths[$0] ?? 0, groups[$0]?.priority ?? 1, $0) < (depths[$1] ?? 0, groups[$1]?.priority ?? 1, $1)
        }
    }

    /// The layers of `host`'s variables, lowest precedence first (see the type's documentation).
    private func layers(of host: String) -> [VariableLayer] {
        let others = groupsByPrecedence(of: host).filter { $0 != "all" }.compactMap { groups[$0] }
        func inventory(_ group: InventoryGroup) -> VariableLayer {
            var layer = VariableLayer()
            layer.values = group.variables
            layer.origins = group.origins
            return layer
        }
        var result: [VariableLayer] = []
        if let all = groups["all"] { result.append(inventory(all)) }
        result += others.map(inventory)
        if let all = groups["all"] {
            result += all.inventoryFiles.keys.sorted().compactMap { all.inventoryFiles[$0] } + [all.playbookFiles]
        }
        for source in Set(others.flatMap(\.inventoryFiles.keys)).sorted() {
            result += others.compactMap { $0.inventoryFiles[source] }
        }
        result += others.map(\.playbookFiles)
        if let entry = hosts[host] {
            var own = VariableLayer()
            own.values = entry.variables
            own.origins = entry.origins
            result += [own, entry.inventoryFiles, entry.playbookFiles]
        }
        return result
    }

    /// Where each of the merged variables of `host` is written, by the same precedence.
    public func origins(of host: String, extra: [String: ValueOrigin] = [:]) -> [String: ValueOrigin] {
        var merged: [String: ValueOrigin] = [:]
        for layer in layers(of: host) { merged.merge(layer.origins) { $1 } }
        merged.merge(extra) { $1 }
        return merged
    }

    /// The names of Ansible's magic variables that `variables(of:)` adds; `ansible-inventory`
    /// leaves them out of its listing.
    public static let magicVariables: Set<String> = [
        "inventory_hostname", "inventory_hostname_short", "group_names", "groups",
    ]

    /// The merged variables of `host` (see the type's documentation for the precedence), with
    /// the magic variables `inventory_hostname`, `inventory_hostname_short`, `group_names` and
    /// `groups` unless `magic` is false.
    public func variables(of host: String, extra: [String: Value] = [:], magic: Bool = true) -> [String: Value] {
        var merged: [String: Value] = [:]
        for layer in layers(of: host) { merged.merge(layer.values) { $1 } }
        merged.merge(extra) { $1 }
        guard magic else { return merged }
        merged["inventory_hostname"] = .string(host)
        merged["inventory_hostname_short"] = .string(String(host.prefix { $0 != "." }))
        merged["group_names"] = .list(groupNames(of: host).subtracting(["all"]).sorted().map(Value.string))
        merged["groups"] = groupsVariable
        return merged
    }
}
