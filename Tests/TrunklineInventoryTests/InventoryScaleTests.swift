import Testing
import TrunklineCore

@testable import TrunklineInventory

/// Inventories whose size would make a quadratic or per-path walk run for hours: each loads at once.
@Suite("Inventory scale")
struct InventoryScaleTests {
    // Before, checking a child against its ancestors, and computing depths and memberships,
    // walked every one of the 2^30 paths from `all`.
    @Test("a graph of groups 2 wide and 30 deep loads, with each group's depth and each host's groups")
    func wideAndDeepGroups() throws {
        let levels = 30
        var text = "all:\n  children:\n"
        for level in 0..<levels {
            let children = level + 1 < levels ? "{children: {l\(level + 1)a: , l\(level + 1)b: }}" : "{hosts: {deep: }}"
            text += "    l\(level)a: \(children)\n    l\(level)b: \(children)\n"
        }
        let inventory = try InventoryLoader.load(try InventoryFixture(text).path)
        #expect(inventory.depths["l29b"] == levels)
        #expect(inventory.groupNames(of: "deep").count == 2 * levels + 1)
    }

    // Before, each host was looked for in the group's list of hosts so far.
    @Test("100,000 hosts in one group load, each once, in order")
    func manyHosts() throws {
        let inventory = try InventoryLoader.load(
            try InventoryFixture("all:\n  children:\n    big:\n      hosts:\n        h[1:100000]:\n        h1:\n").path)
        #expect(inventory.groups["big"]?.hosts.count == 100_000)
        #expect(inventory.hostNames(in: "big").last == "h100000")
    }

    @Test("a group cannot become its own descendant, however many paths lead there")
    func cycleRefused() throws {
        let text =
            "all:\n  children:\n    a: {children: {b: , c: }}\n    b: {children: {d: }}\n    c: {children: {d: }}\n    d: {children: {a: }}\n"
        #expect {
            try InventoryLoader.load(try InventoryFixture(text).path)
        } throws: { error in
            (error as? InputError)?.message == "group 'a' cannot be a child of 'd': it is already its ancestor"
        }
    }
}
