import TrunklineCore
import TrunklineInput
import TrunklineTemplate

/// A step's `when:` expression (Jinja, as Ansible reads it) with the variables it sees; facts
/// join them when it is evaluated, as `os_family`, `os_id`, `os_version`, `network_system`,
/// `hostname` and `interfaces`.
public struct Condition: Sendable {
    /// The expression as written.
    public let expression: String
    /// The host's variables.
    public let variables: [String: Value]
    /// Where the expression is written.
    public let location: SourceLocation
    /// What finds the files its lookups read.
    public let loader: TemplateLoader

    /// Creates a condition and checks it before any connection: its syntax, and that each name
    /// it reads (outside `is defined` and `default`) is a variable or a fact; a misspelt name
    /// is an error with a suggestion.
    public init(
        _ expression: String, variables: [String: Value], at location: SourceLocation, loader: TemplateLoader = .none
    ) throws {
        self.expression = expression
        self.variables = variables
        self.location = location
        self.loader = loader
        try Template.check(expression, variables: variables, names: Self.factNames, at: location)
    }

    /// The names facts take in an expression.
    static let factNames: Set<String> = [
        "os_family", "os_id", "os_version", "network_system", "hostname", "interfaces",
    ]

    /// The condition's value when it names no fact (so it is the same on every run of this
    /// host), nil when it depends on facts.
    public var decidedWithoutFacts: Bool? {
        get throws {
            guard !Self.namesFact(expression) else { return nil }
            return try Template.holds(
                expression, variables: Self.context(variables, facts: nil), at: location, loader: loader)
        }
    }

    /// Whether `expression` has a fact's name as a word of its own: a run of ASCII letters,
    /// digits and `_` between other bytes. A word next to a non-ASCII letter counts too, so a
    /// condition is sometimes left to the facts when it need not be; wherever the template reads
    /// a fact's name (its lexer's names are runs of letters, digits and `_`, and a fact's name is
    /// ASCII, so the bytes around it are no ASCII letter, digit or `_`), this finds it.
    static func namesFact(_ expression: String) -> Bool {
        let bytes = expression.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex {
            guard let first = bytes[start...].firstIndex(where: isWordByte) else { return false }
            let end = bytes[first...].firstIndex { !isWordByte($0) } ?? bytes.endIndex
            if factNames.contains(String(expression[first..<end])) { return true }
            start = end
        }
        return false
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// Whether the step runs on a host with these facts.
    public func holds(for facts: HostFacts) throws -> Bool {
        try Template.holds(expression, variables: Self.context(variables, facts: facts), at: location, loader: loader)
    }

    private static func context(_ variables: [String: Value], facts: HostFacts?) -> [String: Value] {
        var context = variables
        guard let facts else { return context }
        context["os_family"] = .string(facts.osFamily.name)
        context["os_id"] = .string(facts.osID)
        context["os_version"] = .string(facts.osVersion)
        context["network_system"] = .string(facts.networkSystem.rawValue)
        context["hostname"] = .string(facts.hostname)
        context["interfaces"] = .list(facts.interfaces.map(Value.string))
        return context
    }
}
