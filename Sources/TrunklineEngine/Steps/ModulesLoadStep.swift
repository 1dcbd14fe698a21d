import Foundation
import TrunklineCore

/// `modules_load`: kernel modules loaded at boot (`bonding`, `8021q`): one per line in
/// `/etc/modules` on the Debian family (other lines kept), in `/etc/modules-load.d/trunkline.conf`
/// on the RHEL family. When the list changes, the modules are also loaded now with `modprobe`.
/// Convergence is judged by the boot configuration, not by what the running kernel has loaded.
public struct ModulesLoadStep: StepKind {
    public static let name = "modules_load"
    public static let parameters = ["modules"]

    let modules: [String]

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        modules = try arguments.kernelModules("modules")
    }

    static let debianFile = "/etc/modules"
    static let rhelFile = "/etc/modules-load.d/trunkline.conf"

    public var needs: FactNeeds { FactNeeds(files: [Self.debianFile, Self.rhelFile]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        let path = facts.osFamily == .rhel ? Self.rhelFile : Self.debianFile
        let current = facts.files[path] ?? .absent
        var rows = TextLines.split(current.text ?? "", omittingEmpty: true)
        let listed = Set(rows.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        let missing = modules.filter { !listed.contains($0) }
        guard !missing.isEmpty else { return [] }
        rows += missing
        let contents = Array((rows.joined(separator: "\n") + "\n").utf8)
        let attributes = FileContent.attributes(mode: nil, owner: nil, group: nil, keeping: current)
        var change = FileContent.change(
            path: path, from: current, to: contents, attributes: attributes,
            summary: "load \(missing.joined(separator: ", ")) at boot (\(path))")
        change.effects += missing.map { .run(["modprobe", "--", $0]) }
        return [change]
    }
}
