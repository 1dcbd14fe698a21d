import Foundation

/// Ansible host patterns, for `--limit` and a play's `hosts:`: `all` or `*`, group and host
/// names, globs (`hv0*`), regular expressions (`~hv0[1-3]`), unions (`a:b` or `a,b`),
/// intersections (`a:&b`) and exclusions (`a:!b`). Unions are taken first, then
/// intersections, then exclusions, as Ansible does.
public struct HostPattern: Sendable, Equatable {
    /// The pattern as written.
    public let text: String
    /// Where it was written (a playbook's `hosts:` or the command line).
    public let location: SourceLocation

    /// A pattern written at `location`.
    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }

    /// The terms between `:` and `,`, in order (a `:` inside brackets belongs to a host range or IPv6 address).
    public func terms() -> [String] {
        var terms: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "[": depth += 1; current.append(character)
            case "]": depth -= 1; current.append(character)
            case ":" where depth == 0, ",":
                terms.append(current)
                current = ""
            default: current.append(character)
            }
        }
        terms.append(current)
        return terms.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
