import TrunklineCore
import TrunklineInput

/// Variables from the command line (`-e key=value`, `-e @file.yml`), which win over every
/// other, with where each is written.
public struct ExtraVariables: Sendable {
    /// The variables.
    public var values: [String: Value] = [:]
    /// Where each is written (`-e` and the argument's position, or the file's line).
    public var origins: [String: ValueOrigin] = [:]

    /// Parses each argument; values are read as YAML scalars, so `-e vlan=31` is a number.
    public init(parsing arguments: [String], vault: VaultSecrets = VaultSecrets()) throws {
        for (index, argument) in arguments.enumerated() {
            let location = SourceLocation(file: "-e", line: 1, column: index + 1)
            if argument.hasPrefix("@") {
                let path = String(argument.dropFirst())
                guard !path.isEmpty else { throw InputError(SourceLocation(whole: "-e @"), "a file name is needed after @") }
                guard let node = try vault.load(try InputFile.read(path), file: path) else { continue }
                values.merge(try InventoryBuilder.variables(node, field: "the extra variables in \(path)")) { $1 }
                origins.merge(node.origin().children) { $1 }
                continue
            }
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw InputError(location, "'\(argument)' must be key=value or @file.yml")
            }
            let key = String(argument[..<equals])
            let text = String(argument[argument.index(after: equals)...])
            guard key.first.map({ $0.isLetter || $0 == "_" }) == true, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw InputError(location, "'\(key)' is not a valid variable name")
            }
            values[key] = (try? YAMLNode.parse(text, file: "-e"))??.value() ?? .string(text)
            origins[key] = ValueOrigin(location)
        }
    }
}
