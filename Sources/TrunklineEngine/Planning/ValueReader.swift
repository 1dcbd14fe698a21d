import TrunklineCore
import TrunklineInput

/// Typed reading of nested step arguments; errors name the step kind, the path of the field
/// (`ovs.bridges[0].ports[1].tag`) and the place of the argument.
struct ValueReader {
    let location: SourceLocation
    let kind: String
    let path: String

    init(at location: SourceLocation, kind: String, path: String = "") {
        self.location = location
        self.kind = kind
        self.path = path
    }

    /// A reader for the field at `path`.
    func at(_ path: String) -> ValueReader { ValueReader(at: location, kind: kind, path: path) }

    func error(_ message: String, hint: String? = nil) -> InputError {
        var error = InputError(
            location, "\(kind)\(path.isEmpty ? "" : ".\(Self.escapingControls(path))"): \(message)", hint: hint)
        error.field = path.isEmpty ? nil : path
        return error
    }

    private func mismatch(_ field: String, _ value: Value, _ expected: String) -> InputError {
        error("\(field) must be \(expected), not \(value.typeName)")
    }

    func list(_ value: Value?, _ field: String) throws -> [Value]? {
        guard let value, value != .null else { return nil }
        guard case .list(let items) = value else { throw mismatch(field, value, "a list") }
        return items
    }

    func map(_ value: Value, allowed: [String]) throws -> [String: Value] {
        guard case .map(let entries) = value else { throw mismatch("each entry", value, "a mapping") }
        for key in entries.keys.sorted() where !allowed.contains(key) {
            throw error(
                "unknown key '\(key)'",
                hint: Suggestion.hint(for: key, in: allowed) ?? "known keys: \(allowed.joined(separator: ", "))")
        }
        return entries
    }

    func string(_ value: Value?, _ field: String) throws -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.scalarText else { throw mismatch(field, value, "a string") }
        return text
    }

    func choice(_ value: Value?, _ field: String, among choices: [String]) throws -> String? {
        guard let text = try string(value, field) else { return nil }
        guard choices.contains(text) else {
            throw error(
                "\(field) must be one of \(choices.joined(separator: ", ")), not '\(text)'",
                hint: Suggestion.hint(for: text, in: choices))
        }
        return text
    }

    /// The case of `Choice` the field names, among `choices` (in the order an error lists them).
    func choice<Choice: RawRepresentable>(_ value: Value?, _ field: String, among choices: [Choice]) throws -> Choice?
    where Choice.RawValue == String {
        try choice(value, field, among: choices.map(\.rawValue)).flatMap(Choice.init(rawValue:))
    }

    /// A `state:` field: present unless it says absent.
    func presence(_ value: Value?) throws -> Presence {
        try choice(value, "state", among: Presence.allCases) ?? .present
    }

    /// An interface, port or bridge name (`CharacterRule.interfaceName`).
    func interfaceName(_ value: Value?, _ field: String) throws -> String {
        guard let name = try string(value, field) else { throw error("\(field) is required") }
        return try checked(name, field, .interfaceName)
    }

    /// `text` if it keeps `rule`, else an error naming the field.
    func checked(_ text: String, _ field: String, _ rule: CharacterRule) throws -> String {
        if let violation = rule.violation(text) ?? (text == "." || text == ".." ? "may not be '\(text)'" : nil) {
            throw error("\(field) '\(Self.shown(text))' is not \(rule.what): it \(violation)")
        }
        return text
    }

    /// A value as an error quotes it: control characters escaped, long values cut.
    static func shown(_ text: String) -> String {
        let escaped = escapingControls(text)
        return escaped.count > 80 ? String(escaped.prefix(80)) + "…" : escaped
    }

    /// `text` with control characters as Swift escapes (`\n`), so a message stays one line.
    static func escapingControls(_ text: String) -> String {
        text.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }
            .joined()
    }

    /// A VLAN ID, 1 to 4094.
    func vlan(_ value: Value?, _ field: String) throws -> Int? {
        guard let value, value != .null else { return nil }
        guard case .int(let id) = value, (1...4094).contains(id) else {
            if case .string(let text) = value, Int(text) != nil {
                throw error(
                    "\(field) must be a VLAN ID from 1 to 4094, not the string \"\(Self.shown(text))\"",
                    hint: "write the number without quotes")
            }
            throw error(
                "\(field) must be a VLAN ID from 1 to 4094, not \(value.scalarText.map(Self.shown) ?? value.typeName)")
        }
        return id
    }

    /// A MAC address `xx:xx:xx:xx:xx:xx`, lower-cased.
    func mac(_ value: Value?, _ field: String) throws -> String? {
        guard let text = try string(value, field) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6,
            parts.allSatisfy({ $0.utf8.count == 2 && $0.allSatisfy { $0.isASCII && $0.isHexDigit } })
        else {
            throw error("\(field) '\(Self.shown(text))' is not a MAC address like 52:54:00:12:34:56")
        }
        return text.lowercased()
    }

    /// A mapping of strings whose keys and values keep `keys` and `values`
    /// (`external_ids: {iface-id: vlan31}`).
    func stringMap(
        _ value: Value?, _ field: String, keys: CharacterRule, values: CharacterRule
    ) throws -> [String: String] {
        guard let value, value != .null else { return [:] }
        guard case .map(let entries) = value else { throw mismatch(field, value, "a mapping") }
        var result: [String: String] = [:]
        for key in entries.keys.sorted() {
            guard let text = entries[key]!.scalarText else {
                throw mismatch("\(field) values", entries[key]!, "strings or numbers")
            }
            result[try checked(key, "\(field) key", keys)] = try checked(text, "\(field).\(key)", values)
        }
        return result
    }
}
