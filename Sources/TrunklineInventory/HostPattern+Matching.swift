import Foundation
import TrunklineCore
import TrunklineInput

/// Matching a pattern against an inventory.
extension HostPattern {
    /// The matching hosts, in inventory order. A term that names no group or host and is no
    /// glob or regular expression is an error, with a suggestion.
    public func hosts(in inventory: Inventory) throws -> [String] {
        var union = Set<String>()
        var intersections: [Set<String>] = []
        var exclusions = Set<String>()
        for term in terms() {
            if term.hasPrefix("&") {
                intersections.append(try matches(String(term.dropFirst()), in: inventory))
            } else if term.hasPrefix("!") {
                exclusions.formUnion(try matches(String(term.dropFirst()), in: inventory))
            } else {
                union.formUnion(try matches(term, in: inventory))
            }
        }
        for intersection in intersections { union.formIntersection(intersection) }
        union.subtract(exclusions)
        return inventory.hostOrder.filter(union.contains)
    }

    private func matches(_ term: String, in inventory: Inventory) throws -> Set<String> {
        if term == "all" || term == "*" { return Set(inventory.hostOrder) }
        if inventory.groups[term] != nil { return Set(inventory.hostNames(in: term)) }
        if inventory.hosts[term] != nil { return [term] }
        if term.hasPrefix("~") {
            guard let expression = try? NSRegularExpression(pattern: String(term.dropFirst())) else {
                throw InputError(location, "'\(Self.shown(term))' is not a valid regular expression")
            }
            return Set(
                inventory.hostOrder.filter { name in
                    expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
                })
        }
        if term.contains(where: { "*?[".contains($0) }) {
            let groups = inventory.groups.keys.filter { fnmatch(term, $0, 0) == 0 }
            return Set(
                inventory.hostOrder.filter { fnmatch(term, $0, 0) == 0 } + groups.flatMap(inventory.hostNames(in:)))
        }
        let names = Array(inventory.groups.keys) + inventory.hostOrder
        throw InputError(
            location, "unknown host pattern '\(Self.shown(term))': no group or host has that name",
            hint: Suggestion.hint(for: term, in: names))
    }

    /// A term as an error quotes it: cut after 80 characters, so a pasted megabyte stays a line.
    private static func shown(_ term: String) -> String {
        term.count > 80 ? term.prefix(80) + "…" : term
    }
}
