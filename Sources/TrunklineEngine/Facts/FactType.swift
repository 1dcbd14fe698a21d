/// A fact type as a value, equal to another by identity, so that needs can hold a set of them
/// and the facts script runs each fact once.
public struct FactType: Hashable, Sendable, Comparable {
    /// The fact.
    public let type: any Fact.Type

    /// The value for `type`.
    public init(_ type: any Fact.Type) {
        self.type = type
    }

    public static func == (lhs: FactType, rhs: FactType) -> Bool {
        ObjectIdentifier(lhs.type) == ObjectIdentifier(rhs.type)
    }

    /// By section name: the order of the facts in the script.
    public static func < (lhs: FactType, rhs: FactType) -> Bool {
        lhs.type.section < rhs.type.section
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(type))
    }
}
