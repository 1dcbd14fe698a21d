import TrunklineCore

/// `module_blacklist`: kernel modules kept from loading, in a `/etc/modprobe.d/` file this step
/// owns: `blacklist NAME` (no automatic loading), `install NAME /bin/false` (no loading at all,
/// as seed 004 does for `bridge`), or both.
public struct ModuleBlacklistStep: StepKind {
    public static let name = "module_blacklist"
    public static let parameters = ["modules", "how", "file"]

    let modules: [String]
    let how: String
    let file: String

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        modules = try arguments.kernelModules("modules")
        how = try arguments.choice("how", among: ["install", "blacklist", "both"]) ?? "install"
        file = try arguments.string("file") ?? "/etc/modprobe.d/trunkline-blacklist.conf"
        guard file.hasPrefix("/etc/modprobe.d/"), file.hasSuffix(".conf") else {
            throw InputError(
                arguments.place("file"), "module_blacklist.file must be /etc/modprobe.d/NAME.conf, not '\(file)'")
        }
    }

    public var needs: FactNeeds { FactNeeds(files: [file]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        let lines = modules.flatMap { module -> [String] in
            switch how {
            case "blacklist": return ["blacklist \(module)"]
            case "both": return ["blacklist \(module)", "install \(module) /bin/false"]
            default: return ["install \(module) /bin/false"]
            }
        }
        let contents = Array(("# Managed by Trunkline\n" + lines.map { $0 + "\n" }.joined()).utf8)
        let current = facts.files[file] ?? .absent
        let attributes = FileContent.attributes(mode: 0o644, owner: "root", group: "root", keeping: current)
        guard FileContent.differs(current, contents: contents, attributes: attributes) else { return [] }
        return [
            FileContent.change(
                path: file, from: current, to: contents, attributes: attributes,
                summary: "keep \(modules.joined(separator: ", ")) from loading (\(how)) in \(file)")
        ]
    }
}
