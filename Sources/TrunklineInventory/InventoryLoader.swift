import Foundation
import TrunklineCore
import TrunklineInput

/// Reads an Ansible-compatible YAML inventory file with the `group_vars/` and `host_vars/`
/// directories beside it.
public enum InventoryLoader {
    /// Loads the inventory at `path`. Every problem is an `InputError` naming file, line and column.
    public static func load(_ path: String) throws -> Inventory {
        guard let root = try YAMLNode.load(path) else {
            throw InputError(SourceLocation(file: path, line: 1, column: 1), "the inventory is empty")
        }
        var builder = InventoryBuilder()
        try builder.add(root: root)
        let directory = InputPath.directory(of: path)
        for (name, node) in try variableFiles(in: directory + "/group_vars") where builder.groups[name] != nil {
            try builder.addVariables(node, field: "group_vars/\(name)", toGroup: name)
        }
        for (name, node) in try variableFiles(in: directory + "/host_vars") where builder.hosts[name] != nil {
            try builder.addVariables(node, field: "host_vars/\(name)", toHost: name)
        }
        return builder.build()
    }

    /// `NAME.yml`, `NAME.yaml`, `NAME` and every YAML file in a `NAME/` directory, by name then
    /// file order, so later files win.
    private static func variableFiles(in directory: String) throws -> [(String, YAMLNode)] {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
        var files: [(String, YAMLNode)] = []
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let path = directory + "/" + entry
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let inner = (try? manager.contentsOfDirectory(atPath: path)) ?? []
                for file in inner.sorted() where file.hasSuffix(".yml") || file.hasSuffix(".yaml") {
                    if let node = try YAMLNode.load(path + "/" + file) { files.append((entry, node)) }
                }
            } else if let node = try YAMLNode.load(path) {
                let name = entry.hasSuffix(".yml") ? String(entry.dropLast(4)) : entry.hasSuffix(".yaml") ? String(entry.dropLast(5)) : entry
                files.append((name, node))
            }
        }
        return files
    }
}
