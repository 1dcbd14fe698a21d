import TrunklineCore
import TrunklineInput

/// A step's arguments with the place each was written, and typed accessors whose errors name
/// the step kind, the field and that place.
public struct StepArguments: Sendable {
    /// The step kind's name.
    public let kind: String
    /// Where the step is written.
    public let location: SourceLocation
    private let values: [String: Value]
    private let locations: [String: SourceLocation]

    /// Creates arguments; `locations` gives each key's place (the step's otherwise).
    public init(
        kind: String, location: SourceLocation, values: [String: Value], locations: [String: SourceLocation] = [:]
    ) {
        self.kind = kind
        self.location = location
        self.values = values
        self.locations = locations
    }

    /// Rejects keys the kind does not know, suggesting the closest one.
    func onlyKnown(_ parameters: [String]) throws {
        for key in values.keys.sorted() where !parameters.contains(key) {
            throw InputError(
                place(key), "unknown argument '\(key)' for a \(kind) step",
                hint: Suggestion.hint(for: key, in: parameters) ?? "it takes \(parameters.joined(separator: ", "))")
        }
    }

    func place(_ key: String) -> SourceLocation { locations[key] ?? location }

    /// The raw value of `key`, for kinds that read nested structures.
    func value(_ key: String) throws -> Value? { values[key] }

    func string(_ key: String) throws -> String? {
        guard let value = values[key], value != .null else { return nil }
        guard let text = value.scalarText else { throw mismatch(key, value, "a string") }
        return text
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else { throw InputError(location, "a \(kind) step needs '\(key)'") }
        return text
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = values[key], value != .null else { return nil }
        guard case .list(let items) = value else { throw mismatch(key, value, "a list") }
        return try items.map { item in
            guard let text = item.scalarText else { throw mismatch(key, item, "a list of strings") }
            return text
        }
    }

    func mapping(_ key: String) throws -> [(String, String)]? {
        guard let value = values[key], value != .null else { return nil }
        guard case .map(let entries) = value else { throw mismatch(key, value, "a mapping") }
        return try entries.keys.sorted().map { name in
            guard let text = entries[name]!.scalarText else {
                throw mismatch("\(key).\(name)", entries[name]!, "a string or number")
            }
            return (name, text)
        }
    }

    /// A non-empty list of kernel module names (`CharacterRule.moduleName`).
    func kernelModules(_ key: String) throws -> [String] {
        let modules = try strings(key, each: .moduleName) ?? []
        if modules.isEmpty { throw InputError(location, "a \(kind) step needs '\(key)'") }
        return modules
    }

    /// The strings of `key`, each keeping `rule`.
    func strings(_ key: String, each rule: CharacterRule) throws -> [String]? {
        try strings(key)?.enumerated().map { try checked($0.element, "\(key)[\($0.offset)]", rule, at: key) }
    }

    /// `text` if it keeps `rule`, else an error at `key` naming `field`.
    func checked(_ text: String, _ field: String, _ rule: CharacterRule, at key: String) throws -> String {
        if let violation = rule.violation(text) {
            throw InputError(
                place(key), "\(kind).\(field) '\(ValueReader.shown(text))' is not \(rule.what): it \(violation)")
        }
        return text
    }

    /// `text` if it fits on one line, else an error at `key` naming `field`.
    func singleLine(_ text: String, _ field: String, at key: String) throws -> String {
        if let violation = CharacterRule.singleLineViolation(text) {
            throw InputError(place(key), "\(kind).\(field) '\(ValueReader.shown(text))' \(violation)")
        }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = values[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(key, value, "true or false") }
        return flag
    }

    func choice(_ key: String, among choices: [String]) throws -> String? {
        guard let text = try string(key) else { return nil }
        guard choices.contains(text) else {
            throw InputError(
                place(key), "\(kind).\(key) must be one of \(choices.joined(separator: ", ")), not '\(text)'",
                hint: Suggestion.hint(for: text, in: choices))
        }
        return text
    }

    /// The case of `Choice` that `key` names, among `choices` (in the order an error lists them).
    func choice<Choice: RawRepresentable>(_ key: String, among choices: [Choice]) throws -> Choice?
    where Choice.RawValue == String {
        try choice(key, among: choices.map(\.rawValue)).flatMap(Choice.init(rawValue:))
    }

    /// The step's `state`: present unless it says absent.
    func presence() throws -> Presence {
        try choice("state", among: Presence.allCases) ?? .present
    }

    /// A file mode: an octal string (`"0644"`, `"644"`, `"0o644"`), or a YAML number written
    /// with octal digits (`0644`, `644`, `0o644`, which the YAML reader keeps as written).
    func mode(_ key: String) throws -> Int32? {
        guard let value = values[key], value != .null else { return nil }
        let text = value.scalarText ?? ""
        let digits = text.hasPrefix("0o") || text.hasPrefix("0O") ? String(text.dropFirst(2)) : text
        guard (1...5).contains(digits.count), digits.allSatisfy({ ("0"..."7").contains($0) }),
            let mode = Int32(digits, radix: 8), mode <= 0o7777
        else {
            throw InputError(
                place(key),
                "\(kind).\(key) must be an octal mode such as \"0644\", not \(value.scalarText.map { "'\(ValueReader.shown($0))'" } ?? value.typeName)"
            )
        }
        return mode
    }

    private func mismatch(_ key: String, _ value: Value, _ expected: String) -> InputError {
        InputError(place(key), "\(kind).\(key) must be \(expected), not \(value.typeName)")
    }
}
