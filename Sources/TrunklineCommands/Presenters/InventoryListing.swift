import TrunklineCore
import TrunklineInventory

/// The JSON of `inventory --list`, in ansible-inventory's shape: `_meta.hostvars` with each
/// host's merged variables (no magic variables; a host without variables left out), and per
/// group its `hosts` (none for `all`) and `children`, a group with neither left out (though
/// still named among its parent's children).
struct InventoryListing: Encodable {
    private struct Group: Encodable {
        var hosts: [String]?
        var children: [String]?
    }

    private struct Meta: Encodable {
        var hostvars: [String: [String: Value]]
    }

    private let meta: Meta
    private let groups: [String: Group]

    init(_ inventory: Inventory, hosts: [String], extra: [String: Value], reveal: Bool = false) {
        let selected = Set(hosts)
        func shown(_ variables: [String: Value]) -> [String: Value] {
            reveal ? variables : variables.mapValues { SecretValues.masking($0, mask: "********") }
        }
        meta = Meta(
            hostvars: Dictionary(
                uniqueKeysWithValues: hosts.map { ($0, shown(inventory.variables(of: $0, extra: extra, magic: false))) }
                    .filter { !$0.1.isEmpty }))
        groups = inventory.groups.mapValues { group in
            let members = group.name == "all" ? [] : group.hosts.filter(selected.contains)
            return Group(
                hosts: members.isEmpty ? nil : members, children: group.children.isEmpty ? nil : group.children)
        }.filter { $0.value.hosts != nil || $0.value.children != nil }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(meta, forKey: Key("_meta"))
        for (name, group) in groups { try container.encode(group, forKey: Key(name)) }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ value: String) { stringValue = value }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
