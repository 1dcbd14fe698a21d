import Foundation
import TrunklineCore
import TrunklineInput

/// Reads inventory sources as Ansible does (each `-i`, in order, into one inventory):
/// - a comma-separated host list (`h1,h2,` or `h1,`), when no such path exists;
/// - a directory: every entry in name order, recursively, skipping hidden names, `group_vars`,
///   `host_vars`, `vars_plugins` and the extensions Ansible skips (`.ini`, `.cfg`, `.md`, `.txt`,
///   `.rst`, `.orig`, `.retry`, `.bak`, `.swp`, `.pyc`, `.pyo`, `.rpm`, `~`);
/// - an executable file or one starting with `#!`: an inventory script, run with `--list`
///   (and `--host NAME` for each host when its output has no `_meta.hostvars`);
/// - a `.yml`, `.yaml` or `.json` file, or one without extension that is a YAML mapping: a
///   YAML inventory (a `plugin:` file is refused: no inventory plugins are supported);
/// - any other file: an INI inventory.
///
/// Then the `group_vars/` and `host_vars/` beside each source (the directory itself, or the
/// file's directory) are read.
public enum InventoryLoader {
    /// Loads the inventory at `path`. Every problem is an `InputError` naming file, line and column.
    public static func load(_ path: String) throws -> Inventory {
        try load(sources: [path])
    }

    /// Loads and merges the inventory sources, in order.
    public static func load(sources: [String], vault: VaultSecrets = VaultSecrets()) throws -> Inventory {
        var builder = InventoryBuilder(at: SourceLocation(whole: sources.first ?? "inventory"))
        var variableDirectories: [String] = []
        for source in sources {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), source.contains(",") {
                try addHostList(source, to: &builder)
                continue
            }
            if isDirectory.boolValue {
                try addDirectory(source, to: &builder, vault: vault)
                variableDirectories.append(source)
            } else {
                try addFile(source, to: &builder, top: true, vault: vault)
                variableDirectories.append(InputPath.directory(of: source))
            }
        }
        var inventory = builder.build()
        for (source, directory) in variableDirectories.enumerated() {
            try inventory.addVariableFiles(beside: directory, source: source, vault: vault)
        }
        return inventory
    }

    /// `h1,h2,`: each name (with an optional port) a host of `ungrouped`.
    private static func addHostList(_ source: String, to builder: inout InventoryBuilder) throws {
        let location = SourceLocation(whole: "-i")
        for entry in source.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty
        {
            let (name, port) = HostAddress.split(entry)
            try builder.addHost(name, to: "ungrouped", port: port, at: location)
        }
    }

    /// Extensions Ansible's `INVENTORY_IGNORE_EXTS` skips in a directory.
    static let ignoredExtensions = [
        ".pyc", ".pyo", ".swp", ".bak", "~", ".rpm", ".md", ".txt", ".rst", ".orig", ".ini", ".cfg", ".retry",
    ]

    /// Whether Ansible skips `name` in an inventory directory.
    static func ignored(_ name: String) -> Bool {
        name.hasPrefix(".") || ["host_vars", "group_vars", "vars_plugins"].contains(name)
            || ignoredExtensions.contains { name.hasSuffix($0) }
    }

    private static func addDirectory(
        _ directory: String, to builder: inout InventoryBuilder, vault: VaultSecrets
    ) throws {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw InputError(SourceLocation(whole: directory), "cannot read the inventory directory")
        }
        for entry in entries.sorted() where !ignored(entry) {
            let path = directory + "/" + entry
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try addDirectory(path, to: &builder, vault: vault)
            } else {
                try addFile(path, to: &builder, top: false, vault: vault)
            }
        }
    }

    private static func addFile(
        _ path: String, to builder: inout InventoryBuilder, top: Bool, vault: VaultSecrets
    ) throws {
        var text = try InputFile.read(path)
        if VaultSecrets.isVaulted(text) {
            text = try vault.decrypt(text, at: SourceLocation(file: path, line: 1, column: 1))
        }
        let executable = access(path, X_OK) == 0
        if text.hasPrefix("#!") || executable {
            do {
                try ScriptInventory.add(path, to: &builder)
                return
            } catch let error as InputError where !text.hasPrefix("#!") {
                // An executable bit on a plain file: Ansible goes on to the file parsers.
                _ = error
            }
        }
        let name = (path as NSString).lastPathComponent
        let ext = name.contains(".") ? "." + name.split(separator: ".").last! : ""
        if [".yml", ".yaml", ".json"].contains(ext) || ext.isEmpty {
            let root: YAMLNode?
            do {
                root = try YAMLNode.parse(text, file: path)
            } catch let error as InputError {
                if ext.isEmpty { return try INIInventory.add(text, file: path, to: &builder) }
                throw error
            }
            guard let root else {
                if top && !ext.isEmpty {
                    throw InputError(SourceLocation(file: path, line: 1, column: 1), "the inventory is empty")
                }
                return
            }
            if !root.isMapping, ext.isEmpty { return try INIInventory.add(text, file: path, to: &builder) }
            if let plugin = try root.mapping("the inventory").first(where: { $0.key == "plugin" }) {
                throw InputError(
                    plugin.keyNode.location,
                    "not supported: plugin \((try? plugin.value.string("plugin")) ?? "?") (inventory plugins are Ansible's; give their output as a file: ansible-inventory --list > inventory.json)"
                )
            }
            let decrypted = try vault.decrypting(root)
            return try builder.add(root: decrypted)
        }
        if ext == ".toml" {
            throw InputError(
                SourceLocation(whole: path), "not supported: plugin toml (write the inventory as INI or YAML)")
        }
        try INIInventory.add(text, file: path, to: &builder)
    }

    /// The variable files Ansible reads for an entity `name` in `directory` (`group_vars` or
    /// `host_vars`): the first of `NAME` (a directory: every file in it whose extension is
    /// none, `.yml`, `.yaml` or `.json`, recursively, by name, skipping hidden names and `~`
    /// backups; or a file), `NAME.yml`, `NAME.yaml`, `NAME.json`.
    static func variableFiles(for name: String, in directory: String, entries: Set<String>) -> [String] {
        for candidate in [name, name + ".yml", name + ".yaml", name + ".json"] where entries.contains(candidate) {
            let path = directory + "/" + candidate
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            return isDirectory.boolValue ? filesInside(path) : [path]
        }
        return []
    }

    private static func filesInside(_ directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var files: [String] = []
        for entry in entries.sorted() where !entry.hasPrefix(".") && !entry.hasSuffix("~") {
            let path = directory + "/" + entry
            let ext = entry.contains(".") ? "." + entry.split(separator: ".").last! : ""
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if ext.isEmpty { files += filesInside(path) }
            } else if ext.isEmpty || [".yml", ".yaml", ".json"].contains(ext) {
                files.append(path)
            }
        }
        return files
    }
}

extension Inventory {
    /// Reads `group_vars/` and `host_vars/` in `directory` into the groups and hosts that exist
    /// (files for others are ignored, as Ansible does): as the files beside inventory source
    /// number `source`, or beside the playbook if nil.
    mutating func addVariableFiles(beside directory: String, source: Int?, vault: VaultSecrets) throws {
        let groupDirectory = directory + "/group_vars", hostDirectory = directory + "/host_vars"
        let groupEntries = Set((try? FileManager.default.contentsOfDirectory(atPath: groupDirectory)) ?? [])
        if !groupEntries.isEmpty {
            for name in groups.keys.sorted() {
                for file in InventoryLoader.variableFiles(for: name, in: groupDirectory, entries: groupEntries) {
                    let layer = try Self.variableLayer(file, vault: vault)
                    if let source {
                        groups[name]!.inventoryFiles[source, default: VariableLayer()].merge(layer)
                    } else {
                        groups[name]!.playbookFiles.merge(layer)
                    }
                }
            }
        }
        let hostEntries = Set((try? FileManager.default.contentsOfDirectory(atPath: hostDirectory)) ?? [])
        if !hostEntries.isEmpty {
            for name in hostOrder {
                for file in InventoryLoader.variableFiles(for: name, in: hostDirectory, entries: hostEntries) {
                    let layer = try Self.variableLayer(file, vault: vault)
                    if source == nil {
                        hosts[name]!.playbookFiles.merge(layer)
                    } else {
                        hosts[name]!.inventoryFiles.merge(layer)
                    }
                }
            }
        }
    }

    /// Reads `group_vars/` and `host_vars/` beside a playbook (they win over those beside the
    /// inventory).
    public mutating func addPlaybookVariables(beside directory: String, vault: VaultSecrets = VaultSecrets()) throws {
        try addVariableFiles(beside: directory, source: nil, vault: vault)
    }

    private static func variableLayer(_ path: String, vault: VaultSecrets) throws -> VariableLayer {
        var layer = VariableLayer()
        let text = try InputFile.read(path)
        guard let node = try vault.load(text, file: path) else { return layer }
        layer.values = try InventoryBuilder.variables(node, field: path)
        layer.origins = node.origin().children
        return layer
    }
}
