/// The host's distribution as `/etc/os-release` names it: the `@@os` section of the facts script.
public struct OSRelease: Fact, Equatable {
    /// `debian`, `rhel`, or another distribution by its `ID`.
    public var family: OSFamily
    /// `ID` (`ubuntu`, `debian`, `centos`; `unknown` without an os-release).
    public var id: String
    /// `VERSION_ID`.
    public var version: String

    /// A distribution.
    public init(family: OSFamily, id: String, version: String) {
        self.family = family
        self.id = id
        self.version = version
    }

    public static let section = "os"
    /// /etc/os-release's lines, read by the shell.
    public static let script =
        #"{ while IFS= read -r l || [ -n "$l" ]; do printf '%s\n' "$l"; done; } 2>/dev/null < /etc/os-release"#

    /// The distribution in os-release's lines (`KEY=value`, the value maybe quoted).
    public static func parse(_ section: [String]) -> OSRelease {
        let release = fields(section)
        let id = release["ID"] ?? "unknown"
        let like = (release["ID_LIKE"] ?? "").split(separator: " ").map(String.init)
        return OSRelease(family: OSFamily(id: id, like: like), id: id, version: release["VERSION_ID"] ?? "")
    }

    private static func fields(_ lines: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for line in lines {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[String(line[..<equals])] = value
        }
        return values
    }
}

extension HostFacts {
    /// The distribution (`unknown` if it was not read).
    public var os: OSRelease { self[OSRelease.self] ?? OSRelease.parse([]) }

    /// The distribution's family.
    public var osFamily: OSFamily { os.family }
    /// `/etc/os-release`'s `ID`.
    public var osID: String { os.id }
    /// `/etc/os-release`'s `VERSION_ID`.
    public var osVersion: String { os.version }
}
