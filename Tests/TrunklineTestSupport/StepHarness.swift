import TrunklineCore

@testable import TrunklineEngine

/// Builds steps from plain values and runs the idempotence cycle: plan, apply the effects to
/// the facts model, plan again.
public enum StepHarness {
    public static let location = SourceLocation(file: "play.yml", line: 7, column: 5)

    public static func facts(
        family: OSFamily = .debian, files: [String: String] = [:], sysctl: [String: String] = [:],
        checks: [[String]: Int32] = [:]
    ) -> HostFacts {
        var facts = HostFacts(
            files: files.mapValues { .present(contents: Array($0.utf8), mode: 0o644, owner: "root", group: "root") },
            sysctl: sysctl, checks: checks)
        facts[OSRelease.self] = OSRelease(family: family, id: family == .rhel ? "centos" : "debian", version: "12")
        facts[NetworkSystem.self] = .ifupdown
        facts[HostnameFact.self] = "hv01"
        facts[InterfacesFact.self] = ["eth0", "eth1"]
        return facts
    }

    public static func step<Kind: StepKind>(_ kind: Kind.Type, _ values: [String: Value]) throws -> Kind {
        try Kind(StepArguments(kind: Kind.name, location: location, values: values))
    }

    /// The changes, and the facts after applying them.
    public static func cycle(_ step: some StepKind, _ facts: HostFacts) -> (changes: [Change], after: HostFacts) {
        let changes = step.plan(facts)
        var after = facts
        for effect in changes.flatMap(\.effects) { effect.apply(to: &after) }
        return (changes, after)
    }

    public static func text(_ facts: HostFacts, _ path: String) -> String? {
        facts.files[path]?.text
    }
}
