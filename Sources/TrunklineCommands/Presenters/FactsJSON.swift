import TrunklineEngine
import TrunklineRun

/// Host facts as JSON objects, with the names `when:` conditions use.
enum FactsJSON {
    static func object(_ facts: HostFacts) -> [String: Any] {
        var object: [String: Any] = [
            "os_family": facts.osFamily.name, "os_id": facts.osID, "os_version": facts.osVersion,
            "network_system": facts.networkSystem.rawValue, "hostname": facts.hostname, "interfaces": facts.interfaces,
        ]
        if let ovs = facts.ovs { object["ovs"] = ovs.bridges.mapValues(bridge) }
        return object
    }

    private static func bridge(_ bridge: OVSState.Bridge) -> [String: Any] {
        [
            "datapath_type": bridge.datapathType, "external_ids": bridge.externalIDs,
            "other_config": bridge.otherConfig,
            "ports": bridge.ports.mapValues(port),
        ]
    }

    private static func port(_ port: OVSState.Port) -> [String: Any] {
        var object: [String: Any] = [
            "interfaces": port.interfaces.map { interface in
                [
                    "name": interface.name, "type": interface.type, "mac": interface.mac as Any,
                    "external_ids": interface.externalIDs,
                ]
            },
            "trunks": port.trunks, "other_config": port.otherConfig, "external_ids": port.externalIDs,
            "fake_bridge": port.fakeBridge,
        ]
        if let tag = port.tag { object["tag"] = tag }
        if let mode = port.vlanMode { object["vlan_mode"] = mode }
        if let mode = port.bondMode { object["bond_mode"] = mode }
        if let lacp = port.lacp { object["lacp"] = lacp }
        return object
    }
}
