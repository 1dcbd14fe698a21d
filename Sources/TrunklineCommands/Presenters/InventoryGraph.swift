import TrunklineInventory

/// The group tree of `inventory --graph`, as ansible-inventory draws it.
enum InventoryGraph {
    /// `@all:` and its children, groups first then hosts, each by name, limited to `hosts`.
    static func render(_ inventory: Inventory, hosts: Set<String>) -> String {
        var lines: [String] = []
        draw("all", in: inventory, hosts: hosts, indent: "", path: [], into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func draw(
        _ group: String, in inventory: Inventory, hosts: Set<String>, indent: String,
        path: Set<String>, into lines: inout [String]
    ) {
        guard let node = inventory.groups[group], !path.contains(group) else { return }
        lines.append(indent.isEmpty ? "@\(group):" : "\(indent)|--@\(group):")
        let inner = indent.isEmpty ? "  " : indent + "|  "
        for child in node.children.sorted() {
            draw(child, in: inventory, hosts: hosts, indent: inner, path: path.union([group]), into: &lines)
        }
        for host in node.hosts.sorted() where hosts.contains(host) {
            lines.append("\(inner)|--\(host)")
        }
    }
}
