import TrunklineCore
@testable import TrunklineEngine

/// Builds steps from plain values and runs the idempotence cycle: plan, apply the effects to
/// the facts model, plan again.
public enum StepHarness {
    public static let location = SourceLocation(file: "play.yml", line: 7, column: 5)

    public static func facts(family: String = "debian", files: [String: String] = [:], sysctl: [String: String] = [:],
                      checks: [[String]: Int32] = [:]) -> HostFacts {
        HostFacts(osFamily: family, osID: family == "rhel" ? "centos" : "debian", osVersion: "12",
                  networkSystem: "ifupdown", hostname: "hv01", interfaces: ["eth0", "eth1"],
                  files: files.mapValues { .present(contents: Array($0.utf8), mode: 0o644, owner: "root", group: "root") },
                  sysctl: sysctl, checks: checks)
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
