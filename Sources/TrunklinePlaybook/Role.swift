import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineInput

/// A role: `roles/NAME/` beside the playbook, with `steps.yml`, `defaults.yml`, `handlers.yml`
/// and `templates/`, each optional.
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
        func file(_ base: String) throws -> YAMLNode? {
            for candidate in ["\(root)/\(base).yml", "\(root)/\(base).yaml"]
            where FileManager.default.fileExists(atPath: candidate) {
                return try vault.load(try InputFile.read(candidate), file: candidate)
            }
            return nil
        }
        let defaults =
            try file("defaults").map { node in
                try node.mapping("the role's defaults").reduce(into: [String: Value]()) {
                    $0[$1.key] = $1.value.value()
                }
            } ?? [:]
        return Role(
            steps: try file("steps"), handlers: try file("handlers"), defaults: defaults, root: root)
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
