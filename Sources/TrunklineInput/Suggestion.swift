/// "Did you mean …?" for misspelt names.
public enum Suggestion {
    /// The longest name a suggestion is looked for: a longer one is no typo of a name, and
    /// comparing it with every candidate would take a while.
    static let lengthLimit = 256

    /// The candidate closest to `name` by edit distance, if it is close enough to be a likely
    /// typo (at most a third of the name's length, and at most 3 edits, a swap of neighbours one;
    /// case differences count 0).
    /// Candidates whose length differs by more than that are not compared.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = name.lowercased(), length = lowered.unicodeScalars.count
        guard length <= lengthLimit else { return nil }
        let limit = min(3, max(1, name.count / 3))
        let scored = candidates.map { ($0, $0.lowercased()) }
            .filter { abs($0.1.unicodeScalars.count - length) <= limit }
            .map { ($0.0, distance(lowered, $0.1)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// The hint text for `name`, or nil.
    public static func hint(for name: String, in candidates: [String]) -> String? {
        closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// The optimal string alignment distance between two strings, by Unicode scalars: the
    /// insertions, deletions, substitutions and swaps of two neighbours (`fiel` is one from
    /// `file`) that make one the other, no part edited twice.
    static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left.unicodeScalars), b = Array(right.unicodeScalars)
        var beforePrevious: [Int] = [], previous = Array(0...b.count)
        for i in a.indices {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for j in b.indices {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))
                if i > 0, j > 0, a[i] == b[j - 1], a[i - 1] == b[j] {
                    current[j + 1] = min(current[j + 1], beforePrevious[j - 1] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
