/// One thing the facts exec reads of a host: its shell fragment, the marker of the section the
/// fragment's output stands in, and the reading of that section into a typed value. Every fact
/// a play needs is batched into the one facts script (`FactsScript`); steps name the facts they
/// need (`FactNeeds.facts`) and read them from `HostFacts` by type. A new fact is one file: a
/// type conforming to `Fact`, and, beside it, its typed accessor on `HostFacts`.
public protocol Fact: Sendable {
    /// What the section reads as (the conforming type itself where it is the model, as for
    /// `BootState`).
    associatedtype Value: Sendable & Equatable
    /// The section's name: the script prints `@@NAME` on a line of its own, then `script`'s
    /// output. Unique among facts, and never `file`, `sysctl`, `check`, `listed` or `absent`.
    static var section: String { get }
    /// The shell that prints the section's lines. It must only read, and may print lines
    /// `@@PART` of its own to mark parts of its section (`parts(of:at:)`).
    static var script: String { get }
    /// The value in the section's lines (the lines up to the next section, the last one often
    /// empty); throws `FactsScript.Unreadable` when the lines say the fact cannot be known.
    static func parse(_ section: [String]) throws -> Value
}

extension Fact {
    /// `lines` cut at each of the marker lines `@@PART` in `markers`, in their order: the lines
    /// before the first marker, then the lines after each marker (empty for a marker not there).
    static func parts(of lines: [String], at markers: [String]) -> [[String]] {
        var parts = [[String]](repeating: [], count: markers.count + 1)
        var current = 0
        for line in lines {
            if line.hasPrefix("@@"), let index = markers.firstIndex(of: String(line.dropFirst(2))) {
                current = index + 1
            } else {
                parts[current].append(line)
            }
        }
        return parts
    }
}
