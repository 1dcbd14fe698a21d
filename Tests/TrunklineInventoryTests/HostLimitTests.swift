import Foundation
import Testing
import TrunklineCore

@testable import TrunklineInventory

@Suite("--limit as ansible-playbook reads it")
struct HostLimitTests {
    @Test("@FILE stands for the hosts it lists, one a line, beside other terms")
    func retryFile() throws {
        let fixture = try InventoryFixture(
            InventoryLoaderTests.zone, files: ["retry": "hv03\n\n  nas1  \n", "empty": ""])
        let inventory = try InventoryLoader.load(fixture.path)
        let retry = fixture.directory.appendingPathComponent("retry").path
        #expect(try HostLimit("@\(retry)").hosts(in: inventory) == ["hv03", "nas1"])
        #expect(try HostLimit("hv01,@\(retry)").hosts(in: inventory) == ["hv01", "hv03", "nas1"])
        #expect(try HostLimit("@\(retry):!nas1").hosts(in: inventory) == ["hv03"])
        #expect(try HostLimit("zone1:!hv0[12]").pattern.text == "zone1:!hv0[12]")
        #expect {
            try HostLimit("@\(fixture.directory.path)/empty").hosts(in: inventory)
        } throws: { error in
            "\(error)" == "--limit: error: '' matches no host of the inventory"
        }
        #expect {
            try HostLimit("@\(fixture.directory.path)/missing")
        } throws: { error in
            "\(error)" == "--limit: error: cannot read \(fixture.directory.path)/missing: no such file or directory"
        }
    }

    @Test("a limit that leaves no host is an error, as in Ansible")
    func noHost() throws {
        let inventory = try InventoryLoader.load(try InventoryFixture(InventoryLoaderTests.zone).path)
        for limit in ["hv9*", "storage:&spare", "hv01:!hv01"] {
            #expect {
                try HostLimit(limit).hosts(in: inventory)
            } throws: { error in
                "\(error)" == "--limit: error: '\(limit)' matches no host of the inventory"
            }
        }
    }
}
