/// What Trunkline knows of a host: gathered read-only in one remote exec, then updated in
/// memory by each planned change, so every step plans against the host as the steps before it
/// will have left it. The typed facts (`Fact`) are held by type, read with `facts[BootState.self]`
/// or the accessor beside each fact (`facts.boot`); the keyed reads (files, sysctl values,
/// checks, listings) are held by key.
public struct HostFacts: Sendable {
    /// The files the steps asked for.
    public var files: [String: FileState]
    /// Live sysctl values the steps asked for; a key the kernel does not have is missing.
    public var sysctl: [String: String]
    /// Exit statuses of the guard commands the steps asked for.
    public var checks: [[String]: Int32]
    /// The installed packages among those the steps asked for.
    public var installedPackages: Set<String> = []
    /// The state of each systemd unit the steps asked for.
    public var units: [String: UnitState] = [:]
    /// The files matching each listing the steps asked for (their contents are in `files`).
    public var listings: [String: [String]] = [:]
    /// The address Trunkline reaches the host at (the inventory's `ansible_host`), when known:
    /// a network change must leave it on the host.
    public var managementAddress: String?
    /// The typed facts read, by the identity of their type.
    private var values: [ObjectIdentifier: any Sendable] = [:]

    /// Facts with the given keyed reads and no typed fact.
    public init(files: [String: FileState] = [:], sysctl: [String: String] = [:], checks: [[String]: Int32] = [:]) {
        self.files = files
        self.sysctl = sysctl
        self.checks = checks
    }

    /// The value of the fact `type`, or nil if it was not read.
    public subscript<F: Fact>(type: F.Type) -> F.Value? {
        get { values[ObjectIdentifier(type)] as? F.Value }
        set { values[ObjectIdentifier(type)] = newValue }
    }
}
