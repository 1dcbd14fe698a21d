import TrunklineCore
import TrunklineInput

/// A `--limit`, as ansible-playbook reads it: a host pattern whose `@FILE` terms stand for the
/// hosts FILE lists, one a line (a retry file); a limit that leaves no host is an error.
public struct HostLimit: Sendable {
    /// Where a limit is written.
    static let location = SourceLocation(whole: "--limit")

    /// The pattern, its files read.
    public let pattern: HostPattern

    /// The limit `text`; a file it names that cannot be read is an error naming the file.
    public init(_ text: String) throws {
        guard text.contains("@") else {
            pattern = HostPattern(text, at: Self.location)
            return
        }
        let terms = try HostPattern(text, at: Self.location).terms().flatMap { term in
            term.hasPrefix("@") ? try Self.hosts(listedIn: String(term.dropFirst())) : [term]
        }
        pattern = HostPattern(terms.joined(separator: ","), at: Self.location)
    }

    /// The selected hosts of `inventory`, in inventory order; none is an error.
    public func hosts(in inventory: Inventory) throws -> [String] {
        let hosts = pattern.text.isEmpty ? [] : try pattern.hosts(in: inventory)
        guard !hosts.isEmpty else {
            throw InputError(Self.location, "'\(pattern.text)' matches no host of the inventory")
        }
        return hosts
    }

    private static func hosts(listedIn path: String) throws -> [String] {
        guard !path.isEmpty else { throw InputError(location, "a file name is needed after @") }
        return try InputFile.read(path, namedAt: location).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
