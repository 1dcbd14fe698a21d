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
    let templates: String

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
            steps: try file("steps"), handlers: try file("handlers"), defaults: defaults, templates: root + "/templates"
        )
    }

    /// The text of template `name` from a role's `templates/` (or a path for plays without a role).
    static func template(_ name: String, in templates: String?, at location: SourceLocation) throws -> String {
        let path = name.hasPrefix("/") || templates == nil ? name : "\(templates!)/\(name)"
        return try InputFile.read(path, namedAt: location)
    }
}
