import TrunklineCore

/// `lines`: ensures `KEY=VALUE` (or `KEY VALUE`, or `key: value` for simple YAML such as
/// `/etc/cloud/cloud.cfg`) settings and exact lines in a file, keeping
/// every other line and comment byte for byte. A setting replaces the first uncommented line
/// that defines its key (later definitions are removed, as they would override it) or is
/// appended; exact lines are appended if missing (`state: present`) or removed (`absent`).
public struct LinesStep: StepKind {
    public static let name = "lines"
    public static let parameters = ["path", "set", "separator", "lines", "state", "create", "mode", "owner", "group"]

    let path: String
    let settings: [(key: String, value: String)]
    let separator: String
    let lines: [String]
    let present: Bool
    let create: Bool
    let mode: Int32?
    let owner: String?
    let group: String?

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        path = try arguments.requiredString("path")
        settings = try (arguments.mapping("set") ?? []).map { key, value in
            (key: try Self.key(key, arguments), value: try arguments.singleLine(value, "set.\(key)", at: "set"))
        }
        separator = try arguments.choice("separator", among: ["=", " ", ": "]) ?? "="
        lines = try (arguments.strings("lines") ?? []).enumerated().map {
            try arguments.singleLine($0.element, "lines[\($0.offset)]", at: "lines")
        }
        present = try arguments.presence() == .present
        create = try arguments.bool("create") ?? true
        mode = try arguments.mode("mode")
        owner = try arguments.string("owner")
        group = try arguments.string("group")
        if settings.isEmpty && lines.isEmpty {
            throw InputError(arguments.location, "a lines step needs 'set' or 'lines'")
        }
        if !present && !settings.isEmpty {
            throw InputError(arguments.place("set"), "lines.set cannot be used with state: absent")
        }
        if present, InterfacesFileLint.applies(to: path) {
            try InterfacesFileLint.check(lines.joined(separator: "\n"), path: path, at: arguments.place("lines"))
        }
    }

    /// A settings key: one word, without blanks or a separator's first character, so that the line it writes defines that key and no other.
    private static func key(_ key: String, _ arguments: StepArguments) throws -> String {
        _ = try arguments.singleLine(key, "set key", at: "set")
        // By Unicode scalar: an `=` with a combining mark after it is one Character that is not "=".
        guard !key.isEmpty,
            !key.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "=" || $0 == ":" })
        else {
            throw InputError(
                arguments.place("set"), "lines.set key '\(ValueReader.shown(key))' must be one word without '=' or ':'")
        }
        return key
    }

    public var needs: FactNeeds { FactNeeds(files: [path]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        let current = facts.files[path] ?? .absent
        if current == .absent && !create { return [] }
        let text = current.text ?? ""
        let file = TextLines.fileLines(text)
        var rows = file.lines
        var changed: [String] = []
        for (key, value) in settings where apply(key: key, value: value, to: &rows) {
            changed.append("\(key)\(separator)\(value)")
        }
        for line in lines where present ? append(line, to: &rows) : remove(line, from: &rows) {
            changed.append(present ? "add '\(line)'" : "remove '\(line)'")
        }
        // Unedited, the file keeps its bytes (a missing last line end, mixed line ends).
        let contents = Array((changed.isEmpty ? text : TextLines.fileText(rows, crlf: file.crlf)).utf8)
        let attributes = FileContent.attributes(mode: mode, owner: owner, group: group, keeping: current)
        guard FileContent.differs(current, contents: contents, attributes: attributes) else { return [] }
        let what = changed.isEmpty ? "" : " \(changed.joined(separator: ", "))"
        return [
            FileContent.change(
                path: path, from: current, to: contents, attributes: attributes, summary: "ensure\(what) in \(path)")
        ]
    }

    /// Sets `key` in the file's `rows`; true if that changed them.
    private func apply(key: String, value: String, to rows: inout [String]) -> Bool {
        let wanted = "\(key)\(separator)\(value)"
        let matching = rows.indices.filter { definesKey(rows[$0], key) }
        guard let first = matching.first else {
            rows.append(wanted)
            return true
        }
        let before = rows
        rows[first] = wanted
        for index in matching.dropFirst().reversed() { rows.remove(at: index) }
        return rows != before
    }

    private func append(_ line: String, to rows: inout [String]) -> Bool {
        guard !rows.contains(line) else { return false }
        rows.append(line)
        return true
    }

    private func remove(_ line: String, from rows: inout [String]) -> Bool {
        guard rows.contains(line) else { return false }
        rows.removeAll { $0 == line }
        return true
    }

    private func definesKey(_ row: String, _ key: String) -> Bool {
        let trimmed = row.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(key) else { return false }
        let rest = trimmed.dropFirst(key.count)
        if separator != " " { return rest.drop { $0 == " " || $0 == "\t" }.hasPrefix(separator.prefix(1)) }
        return rest.first == " " || rest.first == "\t"
    }
}
