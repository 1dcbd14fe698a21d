import TrunklineCore

/// `package`: packages installed or removed with the host's package manager (`apt-get` on the
/// Debian family, `yum` on the RHEL family), judged by what is installed (`dpkg-query` or
/// `rpm -q`, one query for all the play's packages while facts are gathered: `PackageQuery`).
public struct PackageStep: StepKind {
    public static let name = "package"
    public static let parameters = ["names", "state"]

    let names: [String]
    let present: Bool

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        names = try arguments.strings("names", each: .packageName) ?? []
        present = try arguments.presence() == .present
        if names.isEmpty { throw InputError(arguments.location, "a package step needs 'names'") }
    }

    public var needs: FactNeeds { FactNeeds(packages: Set(names)) }

    public func plan(_ facts: HostFacts) -> [Change] {
        let pending = names.filter { facts.installedPackages.contains($0) != present }
        guard !pending.isEmpty else { return [] }
        let debian = facts.osFamily != .rhel
        let command: [String] =
            switch (debian, present) {
            case (true, true):
                ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends", "--"]
            case (true, false): ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "purge", "-y", "--"]
            case (false, true): ["yum", "install", "-y", "--"]
            case (false, false): ["yum", "remove", "-y", "--"]
            }
        return [
            Change(
                summary: "\(present ? "install" : "remove") \(pending.joined(separator: ", "))",
                effects: [.run(command + pending), .recordPackages(names: pending, installed: present)])
        ]
    }
}
