extension OVSState.Port {
    /// The port's columns as they read in a change: each a name and its value as text (`none`
    /// when unset), the interfaces' own columns named after them (`eth0 type`).
    var columns: [(name: String, value: String)] {
        let list = { (values: [String]) in values.isEmpty ? "none" : values.joined(separator: ", ") }
        var columns: [(String, String)] = [
            ("interfaces", list(interfaceNames)), ("tag", tag.map(String.init) ?? "none"),
            ("trunks", list(trunks.map(String.init))), ("vlan_mode", vlanMode ?? "none"),
            ("bond_mode", bondMode ?? "none"), ("lacp", lacp ?? "none"),
        ]
        columns += Self.keys("other_config", otherConfig) + Self.keys("external_ids", externalIDs)
        for interface in interfaces.sorted(by: { $0.name < $1.name }) {
            columns.append(("\(interface.name) type", interface.type.isEmpty ? "system" : interface.type))
            columns.append(("\(interface.name) mac", interface.mac ?? "none"))
            columns += Self.keys("\(interface.name) external_ids", interface.externalIDs)
        }
        return columns
    }

    private static func keys(_ column: String, _ map: [String: String]) -> [(String, String)] {
        map.keys.sorted().map { ("\(column):\($0)", map[$0]!) }
    }

    /// What differs from `old`, column by column, as `NAME: COLUMN OLD → NEW, …`
    /// (`bond1: bond_mode balance-slb → active-backup`); nil if no column differs.
    func differences(from old: OVSState.Port) -> String? {
        let before = Dictionary(old.columns, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(columns, uniquingKeysWith: { first, _ in first })
        let names = (old.columns.map(\.name) + columns.map(\.name)).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let changed = names.compactMap { name -> String? in
            let was = before[name] ?? "none", now = after[name] ?? "none"
            // An interface that comes or goes is told by `interfaces`, not by its own columns.
            guard was != now, before[name] != nil || !name.contains(" "), after[name] != nil || !name.contains(" ")
            else { return nil }
            return "\(name) \(was) → \(now)"
        }
        return changed.isEmpty ? nil : "\(name): " + changed.joined(separator: ", ")
    }
}
