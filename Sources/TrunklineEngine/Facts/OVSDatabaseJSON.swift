import Foundation

/// Reads the answer of `ovsdb-client transact` to one transaction of three selects (Bridge,
/// Port, Interface, in that order, only the columns planning reads) into an `OVSState`. One
/// JSON-RPC round trip: unlike `ovs-vsctl list`, no schema to fetch and no monitor to set up.
enum OVSDatabaseJSON {
    /// The tables read, each with its columns, in the order of the answer's results.
    static let tables: [(table: String, columns: [String])] = [
        ("Bridge", ["name", "ports", "datapath_type", "external_ids", "other_config"]),
        (
            "Port",
            [
                "_uuid", "name", "interfaces", "tag", "trunks", "vlan_mode", "bond_mode", "lacp", "other_config",
                "external_ids", "fake_bridge",
            ]
        ),
        ("Interface", ["_uuid", "name", "type", "mac", "external_ids", "other_config"]),
    ]

    /// The transaction: a select of every row of each table (names of letters and `_` only, so
    /// they need no JSON escaping).
    static let transaction =
        #"["Open_vSwitch","#
        + tables.map { table, columns in
            #"{"op":"select","table":"\#(table)","where":[],"columns":["\#(columns.joined(separator: #"",""#))"]}"#
        }.joined(separator: ",") + "]"

    /// The command whose output `parse` reads; it only reads.
    static let listCommand = ["ovsdb-client", "--timeout=10", "transact", transaction]

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> OVSState {
        let results = try tableRows(text)
        let bridges = results[0], ports = results[1], interfaces = results[2]
        var interfaceByID: [String: OVSState.Interface] = [:]
        for row in interfaces {
            interfaceByID[uuid(row["_uuid"])] = OVSState.Interface(
                name: row["name"] as? String ?? "", type: row["type"] as? String ?? "",
                mac: strings(row["mac"]).first, externalIDs: map(row["external_ids"]),
                otherConfig: map(row["other_config"]))
        }
        var portByID: [String: OVSState.Port] = [:]
        for row in ports {
            portByID[uuid(row["_uuid"])] = OVSState.Port(
                name: row["name"] as? String ?? "",
                interfaces: set(row["interfaces"]).compactMap { interfaceByID[uuid($0)] },
                tag: ints(row["tag"]).first, trunks: ints(row["trunks"]).sorted(),
                vlanMode: strings(row["vlan_mode"]).first,
                bondMode: strings(row["bond_mode"]).first, lacp: strings(row["lacp"]).first,
                otherConfig: map(row["other_config"]), externalIDs: map(row["external_ids"]),
                fakeBridge: row["fake_bridge"] as? Bool ?? false)
        }
        var state = OVSState()
        for row in bridges {
            let name = row["name"] as? String ?? ""
            let members = set(row["ports"]).compactMap { portByID[uuid($0)] }
            state.bridges[name] = OVSState.Bridge(
                name: name, datapathType: row["datapath_type"] as? String ?? "", externalIDs: map(row["external_ids"]),
                otherConfig: map(row["other_config"]),
                ports: Dictionary(members.map { ($0.name, $0) }) { first, _ in first })
        }
        return state
    }

    /// Each select's rows, as column → value. A refused operation is an object with `error` (and
    /// `details`), and the server answers each operation after it with `null`.
    private static func tableRows(_ text: String) throws -> [[[String: Any]]] {
        // JSONSerialization skips the white space around the answer itself; only an error shows it.
        var answer: Substring { text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(80) }
        guard let results = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [Any] else {
            throw Unreadable(description: "not an OVSDB transaction's answer: \(answer)")
        }
        let objects = results.compactMap { $0 as? [String: Any] }
        if let refused = objects.first(where: { $0["error"] != nil }) {
            throw Unreadable(
                description: "the OVSDB refused the read: \(refused["error"] ?? "")"
                    + ((refused["details"] as? String).map { " (\($0))" } ?? ""))
        }
        let rows = objects.compactMap { $0["rows"] as? [[String: Any]] }
        guard rows.count == tables.count, results.count == tables.count else {
            throw Unreadable(description: "expected \(tables.count) OVSDB tables: \(answer)")
        }
        return rows
    }

    /// The elements of an OVSDB set (a lone element stands for a one-element set).
    private static func set(_ value: Any?) -> [Any] {
        if let array = value as? [Any], array.count == 2, array[0] as? String == "set", let items = array[1] as? [Any] {
            return items
        }
        return value.map { [$0] } ?? []
    }

    private static func uuid(_ value: Any?) -> String {
        ((value as? [Any])?.last as? String) ?? ""
    }

    private static func strings(_ value: Any?) -> [String] { set(value).compactMap { $0 as? String } }

    private static func ints(_ value: Any?) -> [Int] { set(value).compactMap { ($0 as? NSNumber)?.intValue } }

    private static func map(_ value: Any?) -> [String: String] {
        guard let array = value as? [Any], array.count == 2, array[0] as? String == "map",
            let pairs = array[1] as? [[Any]]
        else { return [:] }
        var result: [String: String] = [:]
        for pair in pairs where pair.count == 2 { result["\(pair[0])"] = "\(pair[1])" }
        return result
    }
}
