import TrunklineCore

/// An Ansible-compatible inventory: groups (`all` at the top, `ungrouped` for hosts in no other
/// group), hosts, and their variables.
///
/// Variable precedence, lowest first: groups by depth (`all`, then its children, then theirs;
/// groups at the same depth by name), each group's inventory `vars:` then its `group_vars/`
/// file; the host's inventory variables then its `host_vars/` file; extra variables (`-e`).
public struct Inventory: Sendable {
    /// Every group by name, `all` and `ungrouped` included.
    public let groups: [String: InventoryGroup]
    /// Every host by name.
    public let hosts: [String: InventoryHost]
    /// Host names in the order they first appear in the inventory.
    public let hostOrder: [String]
    /// Each group's distance from `all` (its longest path).
    public let depths: [String: Int]
    /// Each host's groups, direct or through a child group, `all` included.
    private let membership: [String: Set<String>]

    /// Creates an inventory; the groups' child relations must be free of cycles.
    public init(groups: [String: InventoryGroup], hosts: [String: InventoryHost], hostOrder: [String]) {
        self.groups = groups
        self.hosts = hosts
        self.hostOrder = hostOrder
        var depths = ["all": 0], ancestors: [String: Set<String>] = ["all": ["all"]], members: [String: Set<String>] = [:]
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
            if groups[children[next]] != nil, visited.insert(children[next]).inserted { stack.append((children[next], 0)) }
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

    /// The host's groups, lowest precedence first: by depth, then by name.
    private func groupsByPrecedence(of host: String) -> [String] {
        groupNames(of: host).sorted { (depths[$0] ?? 0, $0) < (depths[$1] ?? 0, $1) }
    }

    /// Where each of the merged variables of `host` is written, by the same precedence.
    public func origins(of host: String, extra: [String: ValueOrigin] = [:]) -> [String: ValueOrigin] {
        var merged: [String: ValueOrigin] = [:]
        for group in groupsByPrecedence(of: host) { merged.merge(groups[group]?.origins ?? [:]) { $1 } }
        merged.merge(hosts[host]?.origins ?? [:]) { $1 }
        merged.merge(extra) { $1 }
        return merged
    }

    /// The merged variables of `host` (see the type's documentation for the precedence).
    public func variables(of host: String, extra: [String: Value] = [:]) -> [String: Value] {
        var merged: [String: Value] = [:]
        let member = groupNames(of: host)
        for group in groupsByPrecedence(of: host) { merged.merge(groups[group]?.variables ?? [:]) { $1 } }
        merged.merge(hosts[host]?.variables ?? [:]) { $1 }
        merged.merge(extra) { $1 }
        merged["inventory_hostname"] = .string(host)
        merged["group_names"] = .list(member.subtracting(["all"]).sorted().map(Value.string))
        return merged
    }
}
