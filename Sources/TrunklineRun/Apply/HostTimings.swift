/// How long a host's remote work took, as `-vv` and `--format json` show it: the facts execs
/// (every one of the run: before the plan, and after a reboot) and the apply scripts (from their
/// upload to their end, with the facts gathered in the same exec once they finished).
public struct HostTimings: Sendable, Equatable, Encodable {
    /// Each facts exec, in order.
    public var facts: [Duration] = []
    /// Each apply script, in order (none in check mode or when nothing changes).
    public var apply: [Duration] = []

    /// Creates timings.
    public init(facts: [Duration] = [], apply: [Duration] = []) {
        self.facts = facts
        self.apply = apply
    }

    /// These timings followed by `other`'s.
    public func appending(_ other: HostTimings) -> HostTimings {
        HostTimings(facts: facts + other.facts, apply: apply + other.apply)
    }

    /// `duration` in seconds.
    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private enum Key: String, CodingKey {
        case facts = "facts_seconds", apply = "apply_seconds"
    }

    /// `facts_seconds` and `apply_seconds`, each a list in order.
    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: Key.self)
        try object.encode(facts.map(Self.seconds), forKey: .facts)
        try object.encode(apply.map(Self.seconds), forKey: .apply)
    }
}
