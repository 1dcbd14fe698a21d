import TrunklineCore

/// `package`: packages installed or removed with the host's package manager (`apt-get` on the
/// Debian family, `yum` on the RHEL family), judged by what is installed (`dpkg-query` or
/// `rpm -q`, read while facts are gathered).
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

    /// Exits 0 if `name` is installed, using dpkg where it is the package database, else rpm.
    static func installedCheck(_ name: String) -> [String] {
        [
            "sh", "-c",
            #"if [ -f /var/lib/dpkg/status ] && command -v dpkg-query > /dev/null; then dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; else rpm -q "$1" > /dev/null 2>&1; fi"#,
            "sh", name,
        ]
    }

    public var needs: FactNeeds { FactNeeds(checks: Set(names.map(Self.installedCheck))) }

    public func plan(_ facts: HostFacts) -> [Change] {
        let pending = names.filter { (facts.checks[Self.installedCheck($0)] == 0) != present }
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
                effects: [.run(command + pending)]
                    + pending.map { .recordCheck(command: Self.installedCheck($0), status: present ? 0 : 1) })
        ]
    }
}
