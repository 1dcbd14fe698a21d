import Foundation
import Testing
import TrunklineCore
import TrunklineInput
import TrunklineInventory

@testable import TrunklineRun

@Suite("Preparing a playbook's hosts")
struct PlaybookPreparationTests {
    @Test(
        "a loop's repetitions are steps of their own, per host: the steps after it and the handlers are numbered after them"
    )
    func numbering() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-prepare-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
        - hosts: all
          steps:
            - name: bridge
              command: {shell: "ovs-vsctl add-br {{ item }}"}
              loop: "{{ bridges }}"
              notify: restart
            - name: after
              command: {shell: "true"}
          handlers:
            - name: restart
              service: {name: ovs, state: started}
        """.write(toFile: directory + "/site.yml", atomically: true, encoding: .utf8)
        try "[hv]\nhv1 bridges='[\"br0\", \"br1\"]'\nhv2 bridges='[]'\n".write(
            toFile: directory + "/hosts", atomically: true, encoding: .utf8)
        let inventory = try InventoryLoader.load(sources: [directory + "/hosts"])
        let (plays, _) = try PlaybookPreparation.prepare(
            playbook: directory + "/site.yml", inventory: inventory, selected: ["hv1", "hv2"],
            extra: try ExtraVariables(parsing: []), vault: VaultSecrets(), sshConfig: nil)
        let hosts = plays[0].hosts
        #expect(
            hosts[0].steps.map { "\($0.index) \($0.name)" } == [
                "1 bridge (item=br0)", "2 bridge (item=br1)", "3 after",
            ])
        #expect(hosts[0].steps.map(\.notify) == [["restart"], ["restart"], []])
        #expect(hosts[0].handlers.map { "\($0.index) \($0.name)" } == ["4 restart"])
        #expect(
            hosts[1].steps.map { "\($0.index) \($0.name) \($0.kind == nil ? "skipped" : "built")" } == [
                "1 bridge skipped", "2 after built",
            ])
        #expect(hosts[1].handlers.map(\.index) == [3])
    }
}
