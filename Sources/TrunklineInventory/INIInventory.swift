import TrunklineCore
import TrunklineInput

/// INI inventories as Ansible's ini plugin reads them: host lines (`name[:port] key=value …`,
/// split as a POSIX shell would, `#` starting a comment) before any section or under
/// `[group]`; `[group:vars]` with `key = value` lines; `[group:children]` with a group name a
/// line. Values are Python literals (`PythonLiteral`). Lines starting with `#` or `;` are
/// comments. A `:vars` or `:children` section must name groups the file defines.
enum INIInventory {
    private enum State: String { case hosts, vars, children }

    /// Adds the inventory in `text` (the contents of `file`) to `builder`.
    static func add(_ text: String, file: String, to builder: inout InventoryBuilder) throws {
        var group = "ungrouped", state = State.hosts
        /// Groups a section names before the file defines them: a `:vars` section's group, and
        /// the children a `:children` section names, with their parents.
        var pendingVars: [String: Int] = [:]
        var pendingChildren: [String: (line: Int, parents: [String])] = [:]
        var lineNumber = 0
        func location(_ column: Int = 1) -> SourceLocation {
            SourceLocation(file: file, line: lineNumber, column: column)
        }

        func resolve(_ name: String) throws {
            guard let pending = pendingChildren.removeValue(forKey: name) else { return }
            for parent in pending.parents {
                try builder.addChild(name, to: parent, at: SourceLocation(file: file, line: pending.line, column: 1))
            }
        }

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard let first = line.first, first != "#", first != ";" else { continue }
            if first == "[" {
                if let (name, kind) = section(line) {
                    guard let next = State(rawValue: kind ?? "hosts") else {
                        throw InputError(
                            location(), "section [\(name):\(kind!)] has an unknown type: \(kind!)",
                            hint: "a section is [group], [group:vars] or [group:children]")
                    }
                    (group, state) = (name, next)
                    if !builder.hasGroup(name) {
                        if state == .vars, pendingVars[name] == nil { pendingVars[name] = lineNumber }
                        try builder.addGroup(name, at: location())
                    }
                    if state != .vars {
                        pendingVars[name] = nil
                        try resolve(name)
                    }
                    continue
                }
                if line.hasSuffix("]") {
                    throw InputError(
                        location(),
                        "invalid section '\(line)': a section name has no spaces or other characters than the name and :vars or :children"
                    )
                }
            }
            switch state {
            case .hosts:
                let words = try ShellWords.split(line, comments: true, at: location())
                guard let entry = words.first else { continue }
                if entry.hasSuffix(":") {
                    throw InputError(location(), "invalid host '\(entry)': a ':' at the end is reserved for a port")
                }
                let (names, port) = try HostAddress.expand(entry, at: location())
                if names.contains("---") {
                    throw InputError(
                        location(), "invalid host '---': this looks like a YAML file, which needs a .yml or .yaml name")
                }
                var variables: [(String, Value)] = []
                for word in words.dropFirst() {
                    guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                        throw InputError(location(), "expected key=value host variable assignment, got: \(word)")
                    }
                    let key = String(word[..<equals])
                    try InventoryBuilder.checkVariableName(key, at: location())
                    variables.append((key, PythonLiteral.value(String(word[word.index(after: equals)...]))))
                }
                for name in names {
                    try builder.addHost(name, to: group, port: port, at: location())
                    for (key, value) in variables {
                        builder.setHostVariable(name, key, value, origin: ValueOrigin(location()))
                    }
                }
            case .vars:
                guard let equals = line.firstIndex(of: "=") else {
                    throw InputError(location(), "expected key=value, got: \(line)")
                }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                try InventoryBuilder.checkVariableName(key, at: location())
                let value = PythonLiteral.value(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
                try builder.setGroupVariable(group, key, value, origin: ValueOrigin(location()))
            case .children:
                let name = line.prefix { !$0.isWhitespace && $0 != "#" }
                let rest = line.dropFirst(name.count).drop(while: \.isWhitespace)
                guard !name.isEmpty, !name.contains(":"), !name.contains("]"), rest.isEmpty || rest.hasPrefix("#")
                else {
                    throw InputError(location(), "expected a group name, got: \(line)")
                }
                let child = String(name)
                if builder.hasGroup(child) {
                    try builder.addChild(child, to: group, at: location())
                } else {
                    pendingChildren[child, default: (lineNumber, [])].parents.append(group)
                }
            }
        }
        if let (name, line) = pendingVars.min(by: { $0.value < $1.value }) {
            throw InputError(
                SourceLocation(file: file, line: line, column: 1),
                "section [\(name):vars] is for a group this file does not define: \(name)")
        }
        if let (name, pending) = pendingChildren.min(by: { $0.value.line < $1.value.line }) {
            throw InputError(
                SourceLocation(file: file, line: pending.line, column: 1),
                "section [\(pending.parents.last!):children] names a group this file does not define: \(name)")
        }
    }

    /// `[name]` or `[name:kind]`, with an optional comment after it.
    private static func section(_ line: String) -> (String, String?)? {
        guard let close = line.firstIndex(of: "]") else { return nil }
        let after = line[line.index(after: close)...].drop(while: \.isWhitespace)
        guard after.isEmpty || after.hasPrefix("#") || after.hasPrefix(";") else { return nil }
        let inner = line[line.index(after: line.startIndex)..<close]
        let parts = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0]
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                return nil
            }
            return (String(name), String(parts[1]))
        }
        return (String(name), nil)
    }
}
