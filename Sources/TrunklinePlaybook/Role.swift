import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineInput

/// A role: `roles/NAME/` beside the playbook, with `steps.yml`, `defaults.yml`, `handlers.yml`
/// and `templates/`, each optional (or Ansible's `tasks/main.yml`, `defaults/main.yml` and
/// `handlers/main.yml`; `files/` for lookups). A role's `vars/` and the `dependencies` of its
/// `meta/`, which Trunkline does not follow, are refused rather than left out.
struct Role {
    let steps: YAMLNode?
    let handlers: YAMLNode?
    let defaults: [String: Value]
    /// The role's directory.
    let root: String

    /// Loads role `name` from `directory/roles/name`.
    static func load(
        _ name: String, from directory: String, at location: SourceLocation, vault: VaultSecrets = VaultSecrets()
    ) throws -> Role {
        let root = directory + "/roles/" + name
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            let known = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/roles")) ?? []
            throw InputError(
                location, "no role '\(name)' (looked for \(root))", hint: Suggestion.hint(for: name, in: known))
        }
        // Trunkline's layout (steps.yml) or Ansible's (tasks/main.yml), the first that exists.
        func file(_ base: String, ansible directory: String) throws -> YAMLNode? {
            for candidate in [
                "\(root)/\(base).yml", "\(root)/\(base).yaml", "\(root)/\(directory)/main.yml",
                "\(root)/\(directory)/main.yaml",
            ]
            where FileManager.default.fileExists(atPath: candidate) {
                return try vault.load(try InputFile.read(candidate), file: candidate)
            }
            return nil
        }
        if let vars = ["\(root)/vars/main.yml", "\(root)/vars/main.yaml"].first(where: {
            FileManager.default.fileExists(atPath: $0)
        }) {
            throw InputError(
                location, "not supported: the role's vars/ (\(vars))",
                hint: "move its variables to defaults.yml (or defaults/main.yml), the play's vars or group_vars")
        }
        // meta/main.yml: galaxy_info and the like are nothing to run; dependencies would be.
        if let meta = try file("meta", ansible: "meta"), meta.isMapping,
            let dependencies = try meta.mapping("the role's meta").first(where: { $0.key == "dependencies" }),
            dependencies.value.value() != .list([]), dependencies.value.value() != .null
        {
            throw InputError(
                dependencies.value.location, "not supported: role dependencies in the role's meta/",
                hint: "list the roles it depends on in the play's roles:, before it")
        }
        let defaults =
            try file("defaults", ansible: "defaults").map { node in
                try node.mapping("the role's defaults").reduce(into: [String: Value]()) {
                    $0[$1.key] = $1.value.value()
                }
            } ?? [:]
        return Role(
            steps: try file("steps", ansible: "tasks"), handlers: try file("handlers", ansible: "handlers"),
            defaults: defaults, root: root)
    }

    /// The path and text of the template `name` for `file: {template: NAME}`: an absolute path,
    /// else the first of `directories` (a role's `templates/`, …) that has it, else a path from
    /// the working directory.
    static func template(
        _ name: String, in directories: [String], at location: SourceLocation
    ) throws -> (
        path: String, text: String
    ) {
        let candidates = name.hasPrefix("/") ? [name] : directories.map { "\($0)/\(name)" } + [name]
        let path = candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
        return (path, try InputFile.read(path, namedAt: location))
    }
}
