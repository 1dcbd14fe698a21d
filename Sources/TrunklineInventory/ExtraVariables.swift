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

    /// Parses each argument; `key=value` values are read as YAML scalars, so `-e vlan=31` is a number.
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
            values[key] = (try? YAMLNode.parse(value, file: "-e"))??.value() ?? .string(value)
            origins[key] = ValueOrigin(location)
        }
    }

    private mutating func merge(_ layer: [String: Value], _ layerOrigins: [String: ValueOrigin]) {
        values.merge(layer) { $1 }
        origins.merge(layerOrigins) { $1 }
    }
}
