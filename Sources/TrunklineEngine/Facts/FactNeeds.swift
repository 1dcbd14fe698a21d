/// What the steps of a play need to know of a host, gathered in one remote exec.
public struct FactNeeds: Sendable, Equatable {
    /// Files whose bytes, mode and owner are read.
    public var files: Set<String> = []
    /// Live sysctl values, read as `sysctl -n` prints them.
    public var sysctlKeys: Set<String> = []
    /// Guard commands (`unless:`) whose exit status is read. They must not change the host.
    public var checks: Set<[String]> = []
    /// Packages whose installed state is read (`PackageQuery`), all in one query.
    public var packages: Set<String> = []
    /// systemd units whose enabled and active states are read (`UnitQuery`), all in one query.
    public var units: Set<String> = []
    /// Glob patterns (`/etc/sysconfig/network-scripts/ifcfg-*`) whose matching files are read
    /// like `files`, for steps that own files they cannot name in advance.
    public var listings: Set<String> = []
    /// The typed facts read (`Fact`): `OVSFact` for the Open vSwitch database, `LiveNetwork`,
    /// `BootState`, … The host's identity (`FactsScript.identity`) is read in any case.
    public var facts: Set<FactType> = []

    /// The given needs (nothing by default).
    public init(
        files: Set<String> = [], sysctlKeys: Set<String> = [], checks: Set<[String]> = [],
        packages: Set<String> = [], units: Set<String> = [], listings: Set<String> = [], facts: [any Fact.Type] = []
    ) {
        self.files = files
        self.sysctlKeys = sysctlKeys
        self.checks = checks
        self.packages = packages
        self.units = units
        self.listings = listings
        self.facts = Set(facts.map(FactType.init))
    }

    /// Whether the fact `type` is read.
    public func reads(_ type: any Fact.Type) -> Bool {
        facts.contains(FactType(type))
    }

    /// Both sets of needs.
    public func union(_ other: FactNeeds) -> FactNeeds {
        var merged = self
        merged.files.formUnion(other.files)
        merged.sysctlKeys.formUnion(other.sysctlKeys)
        merged.checks.formUnion(other.checks)
        merged.packages.formUnion(other.packages)
        merged.units.formUnion(other.units)
        merged.listings.formUnion(other.listings)
        merged.facts.formUnion(other.facts)
        return merged
    }
}
