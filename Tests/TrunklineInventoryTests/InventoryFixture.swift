import Foundation

/// An inventory directory in a temporary folder: the inventory file plus any group_vars/ and
/// host_vars/ files, each given as text.
struct InventoryFixture {
    let directory: URL

    init(_ inventory: String, files: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-inventory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try inventory.write(to: directory.appendingPathComponent("hosts.yml"), atomically: true, encoding: .utf8)
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    var path: String { directory.appendingPathComponent("hosts.yml").path }
}
