import TrunklineCore
import TrunklineInput

/// Variables from the command line, which win over every other, with where each is written; an
/// `-e` is read as `ansible-playbook -e` reads it: `@file.yml` (YAML or JSON), a JSON or YAML
/// mapping (`'{"vlan": 31}'`), or `key=value` words (`'vlan=31 bridge=br0'`, quoted as a shell
/// quotes them).
public struct ExtraVariables: Sendable {
    /// The variables.
    public var values: [String: Value] = [:]
    /// Where each is written (`-e` and the argument's position, or the file's line).
    public var origins: [String: ValueOrigin] = [:]

    /// Parses each argument; a `key=value` value is a string, as Ansible's `parse_kv` makes it,
    /// except that one whose text is exactly a number's (`31`, `-3`, `1.5`; not `010`, `+5`,
    /// `1e3`) is that number, so a step argument that wants one takes `-e vlan=31` (as Ansible's
    /// modules turn the string into their type). `yes`, `true` and `[1,2]` stay strings: they
    /// render as written, as in Ansible.
    public init(parsing arguments: [String], vault: VaultSecrets = VaultSecrets()) throws {
        for (index, argument) in arguments.enumerated() {
            let location = SourceLocation(file: "-e", line: 1, column: index + 1)
            if argument.hasPrefix("@") {
                try merge(file: String(argument.dropFirst()), vault: vault)
            } else if argument.first == "{" || argument.first == "[" {
                try merge(document: argument, at: location)
            } else {
                try merge(words: argument, at: location)
            }
        }
    }

    private mutating func merge(file path: String, vault: VaultSecrets) throws {
        guard !path.isEmpty else { throw InputError(SourceLocation(whole: "-e @"), "a file name is needed after @") }
        guard let node = try vault.load(try InputFile.read(path), file: path) else { return }
        merge(try InventoryBuilder.variables(node, field: "the extra variables in \(path)"), node.origin().children)
    }

    private mutating func merge(document text: String, at location: SourceLocation) throws {
        guard let node = try YAMLNode.parse(text, file: "-e"), node.isMapping else {
            throw InputError(
                location, "'\(text)' is no mapping of variables",
                hint: #"write -e '{"vlan": 31}', -e vlan=31 or -e @file.yml"#)
        }
        merge(try InventoryBuilder.variables(node, field: "the extra variables"), node.origin().children)
    }

    private mutating func merge(words text: String, at location: SourceLocation) throws {
        for word in try ShellWords.split(text, at: location) {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
                throw InputError(
                    location, "'\(word)' must be key=value, @file.yml or a JSON mapping",
                    hint: text == word
                        ? nil : #"each word is key=value; quote a value with spaces: -e "motd='up to date'""#)
            }
            let key = String(word[..<equals])
            let value = String(word[word.index(after: equals)...])
            guard key.first.map({ $0.isLetter || $0 == "_" }) == true,
                key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else {
                throw InputError(location, "'\(key)' is not a valid variable name")
            }
            values[key] = Self.typed(value)
            origins[key] = ValueOrigin(location)
        }
    }

    /// A `key=value` value: the number its text exactly writes, else the text.
    static func typed(_ text: String) -> Value {
        guard text.contains(where: \.isNumber),
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == ".") })
        else { return .string(text) }
        if let number = Int(text), String(number) == text { return .int(number) }
        if let number = Double(text), "\(number)" == text { return .double(number) }
        return .string(text)
    }

    private mutating func merge(_ layer: [String: Value], _ layerOrigins: [String: ValueOrigin]) {
        values.merge(layer) { $1 }
        origins.merge(layerOrigins) { $1 }
    }
}
