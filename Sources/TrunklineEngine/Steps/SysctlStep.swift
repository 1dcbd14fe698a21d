import TrunklineCore

/// `sysctl`: settings persisted in an `/etc/sysctl.d/` file that this step owns, and applied
/// live. Both the file and the live value (`sysctl -n`) are compared; values compare as
/// numbers where both are numbers and otherwise word by word, so `0` equals `00` and
/// `4096  87380` equals `4096 87380`. A key the running kernel does not have counts as different,
/// but for `net.ipv6.*` on a kernel without IPv6 (`ipv6.disable=1`): there is nothing to set
/// live, and the file stays for a kernel that has it.
public struct SysctlStep: StepKind {
    public static let name = "sysctl"
    public static let parameters = ["settings", "file", "live"]

    let settings: [(key: String, value: String)]
    let file: String
    let live: Bool

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        settings = try (arguments.mapping("settings") ?? []).map { key, value in
            (
                key: try arguments.checked(key, "settings key", .sysctlKey, at: "settings"),
                value: try arguments.singleLine(value, "settings.\(key)", at: "settings")
            )
        }
        file = try arguments.string("file") ?? "/etc/sysctl.d/90-trunkline.conf"
        live = try arguments.bool("live") ?? true
        if settings.isEmpty { throw InputError(arguments.location, "a sysctl step needs 'settings'") }
        guard file.hasPrefix("/etc/sysctl.d/"), file.hasSuffix(".conf") else {
            throw InputError(arguments.place("file"), "sysctl.file must be /etc/sysctl.d/NAME.conf, not '\(file)'")
        }
    }

    public var needs: FactNeeds {
        FactNeeds(
            files: [file], sysctlKeys: live ? Set(settings.map(\.key)) : [], facts: live ? [KernelIPv6Fact.self] : [])
    }

    public func plan(_ facts: HostFacts) -> [Change] {
        var changes: [Change] = []
        let current = facts.files[file] ?? .absent
        let contents = Array(("# Managed by Trunkline\n" + settings.map { "\($0.key) = \($0.value)\n" }.joined()).utf8)
        let attributes = FileContent.attributes(mode: 0o644, owner: "root", group: "root", keeping: current)
        if FileContent.differs(current, contents: contents, attributes: attributes) {
            changes.append(FileContent.change(path: file, from: current, to: contents, attributes: attributes))
        }
        guard live else { return changes }
        for (key, value) in settings
        where !Self.same(facts.sysctl[key], value) && (facts.kernelIPv6 || !key.hasPrefix("net.ipv6.")) {
            changes.append(
                Change(
                    summary: "set \(key) = \(value) live",
                    diff: "-\(key) = \(facts.sysctl[key] ?? "(not set)")\n+\(key) = \(value)\n",
                    effects: [.setSysctl(key: key, value: value)]))
        }
        return changes
    }

    /// Typed comparison of a live value with a wanted one.
    static func same(_ live: String?, _ wanted: String) -> Bool {
        guard let live else { return false }
        let a = live.split(whereSeparator: \.isWhitespace), b = wanted.split(whereSeparator: \.isWhitespace)
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { left, right in
            if let x = Int(left), let y = Int(right) { return x == y }
            return left == right
        }
    }
}
