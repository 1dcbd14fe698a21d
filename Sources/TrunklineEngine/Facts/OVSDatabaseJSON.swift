import Foundation

/// Reads the output of `ovs-vsctl --format=json --data=json list Bridge -- list Port -- list
/// Interface` (one JSON document a table, in that order) into an `OVSState`.
enum OVSDatabaseJSON {
    /// The command whose output `parse` reads; it only reads.
    static let listCommand = [
        "ovs-vsctl", "--timeout=10", "--format=json", "--data=json",
        "--columns=name,ports,datapath_type,external_ids,other_config", "list", "Bridge", "--",
        "--columns=_uuid,name,interfaces,tag,trunks,vlan_mode,bond_mode,lacp,other_config,external_ids,fake_bridge",
        "list", "Port", "--",
        "--columns=_uuid,name,type,mac,external_ids,other_config", "list", "Interface",
    ]

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> OVSState {
        let documents = text.split(separator: "\n").filter { !$0.isEmpty }
        guard documents.count == 3 else {
            throw Unreadable(description: "expected 3 OVSDB tables, got \(documents.count)")
        }
        let bridges = try rows(documents[0]), ports = try rows(documents[1]), interfaces = try rows(documents[2])
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

    /// A table's rows as heading → value.
    private static func rows(_ document: Substring) throws -> [[String: Any]] {
        guard let object = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any],
            let headings = object["headings"] as? [String], let data = object["data"] as? [[Any]]
        else {
            throw Unreadable(description: "not an ovs-vsctl JSON table: \(document.prefix(80))")
        }
        return data.map { Dictionary(uniqueKeysWithValues: zip(headings, $0)) }
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
