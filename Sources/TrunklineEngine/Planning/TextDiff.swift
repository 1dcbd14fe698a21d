import TrunklineCore

/// Unified diffs of text files, as `diff -u` prints them.
public enum TextDiff {
    /// The unified diff from `old` to `new` (nil for a missing file), labelled with `path`;
    /// empty if they are equal. Time O((N+M)D) and memory O(N+M) for N and M lines and D
    /// differing lines, so a large file with a few changes costs little.
    public static func unified(old: String?, new: String?, path: String, context: Int = 3) -> String {
        let before = lines(old), after = lines(new)
        guard before != after else { return "" }
        let operations = script(before, after)
        var output = "--- \(old == nil ? "/dev/null" : "a" + path)\n+++ \(new == nil ? "/dev/null" : "b" + path)\n"
        var position: Position = (0, 1, 1)
        for hunk in hunks(operations, context: context) { output += render(hunk, operations, from: &position) }
        return output
    }

    private enum Operation: Equatable { case same(String), removed(String), added(String) }

    /// A place in the edit script: the operation's index and the old and new line numbers there.
    private typealias Position = (index: Int, old: Int, new: Int)

    private static func lines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        var lines = TextLines.split(text)
        if lines.last == "" { lines.removeLast() } else { lines[lines.count - 1] += "\n\\ No newline at end of file" }
        return lines
    }

    /// The edit script: the lines of a longest common subsequence as `same`, each preceded by
    /// the lines of `a` it skips (removed), then those of `b` (added).
    private static func script(_ a: [String], _ b: [String]) -> [Operation] {
        var operations: [Operation] = []
        operations.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        for (x, y) in commonLines(a, b) + [(a.count, b.count)] {
            operations += a[i..<x].map(Operation.removed) + b[j..<y].map(Operation.added)
            if x < a.count { operations.append(.same(a[x])) }
            (i, j) = (x + 1, y + 1)
        }
        return operations
    }

    /// The index pairs of a longest common subsequence of `a` and `b`, in order. Lines are
    /// numbered so that comparing two compares integers, and lines found on one side only are
    /// left out first (as GNU diff does): they cannot be common, and a rewritten file then costs
    /// no search at all.
    private static func commonLines(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        var numbers: [String: Int] = [:]
        for line in b where numbers[line] == nil { numbers[line] = numbers.count }
        let aKept = a.indices.filter { numbers[a[$0]] != nil }
        let aNumbers = aKept.map { numbers[a[$0]]! }
        let inA = Set(aNumbers)
        let bKept = b.indices.filter { inA.contains(numbers[b[$0]]!) }
        let bNumbers = bKept.map { numbers[b[$0]]! }
        var matches: [(Int, Int)] = []
        match(aNumbers, bNumbers, 0..<aNumbers.count, 0..<bNumbers.count, into: &matches)
        return matches.map { (aKept[$0.0], bKept[$0.1]) }
    }

    /// Appends the common subsequence of `a[aRange]` and `b[bRange]` to `matches`: the common
    /// head and tail, and between them, divided at a point of a shortest edit path, each part.
    private static func match(
        _ a: [Int], _ b: [Int], _ aRange: Range<Int>, _ bRange: Range<Int>, into matches: inout [(Int, Int)]
    ) {
        var (aLow, bLow, aHigh, bHigh) = (aRange.lowerBound, bRange.lowerBound, aRange.upperBound, bRange.upperBound)
        while aLow < aHigh, bLow < bHigh, a[aLow] == b[bLow] {
            matches.append((aLow, bLow))
            (aLow, bLow) = (aLow + 1, bLow + 1)
        }
        var tail = 0
        while aLow < aHigh - tail, bLow < bHigh - tail, a[aHigh - tail - 1] == b[bHigh - tail - 1] { tail += 1 }
        (aHigh, bHigh) = (aHigh - tail, bHigh - tail)
        if aLow < aHigh, bLow < bHigh, let (x, y) = split(a, b, aLow..<aHigh, bLow..<bHigh) {
            match(a, b, aLow..<x, bLow..<y, into: &matches)
            match(a, b, x..<aHigh, y..<bHigh, into: &matches)
        }
        matches += (0..<tail).map { (aHigh + $0, bHigh + $0) }
    }

    /// A point on a shortest edit path through `a[aRange]` and `b[bRange]`, where the furthest
    /// paths from both corners first meet (Myers's middle snake, one array per direction); nil
    /// if they share no line.
    private static func split(_ a: [Int], _ b: [Int], _ aRange: Range<Int>, _ bRange: Range<Int>) -> (Int, Int)? {
        let (a0, b0, n, m) = (aRange.lowerBound, bRange.lowerBound, aRange.count, bRange.count)
        let rounds = (n + m + 1) / 2, offset = rounds, delta = n - m, odd = delta % 2 != 0
        var forward = [Int](repeating: -1, count: 2 * rounds + 2), backward = forward
        forward[offset + 1] = 0
        backward[offset + 1] = 0
        var trimmed = (forwardLow: 0, forwardHigh: 0, backwardLow: 0, backwardHigh: 0)
        for d in 0..<rounds {
            for k in stride(from: -d + trimmed.forwardLow, through: d - trimmed.forwardHigh, by: 2) {
                let (x, y) = furthest(&forward, k, d, offset, n, m) { a[a0 + $0] == b[b0 + $1] }
                if x > n {
                    trimmed.forwardHigh += 2
                } else if y > m {
                    trimmed.forwardLow += 2
                } else if odd {
                    let other = offset + delta - k
                    if other >= 0, other < backward.count, backward[other] != -1, x >= n - backward[other] {
                        return (a0 + x, b0 + y)
                    }
                }
            }
            for k in stride(from: -d + trimmed.backwardLow, through: d - trimmed.backwardHigh, by: 2) {
                let (x, y) = furthest(&backward, k, d, offset, n, m) { a[a0 + n - $0 - 1] == b[b0 + m - $1 - 1] }
                if x > n {
                    trimmed.backwardHigh += 2
                } else if y > m {
                    trimmed.backwardLow += 2
                } else if !odd {
                    let other = offset + delta - k
                    if other >= 0, other < forward.count, forward[other] != -1, forward[other] >= n - x {
                        return (a0 + forward[other], b0 + forward[other] - delta + k)
                    }
                }
            }
        }
        return nil
    }

    /// Round `d` on diagonal `k` (x - y = k) of one direction: the furthest x reached in `v`,
    /// one edit from round `d - 1` and then along equal lines, and the y there.
    private static func furthest(
        _ v: inout [Int], _ k: Int, _ d: Int, _ offset: Int, _ n: Int, _ m: Int,
        equal: (Int, Int) -> Bool
    ) -> (Int, Int) {
        var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
        var y = x - k
        while x < n, y < m, equal(x, y) { (x, y) = (x + 1, y + 1) }
        v[offset + k] = x
        return (x, y)
    }

    /// Ranges of operations to show: every change with `context` unchanged lines around it.
    private static func hunks(_ operations: [Operation], context: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, operation) in operations.enumerated() {
            if case .same = operation { continue }
            let range = max(0, index - context)..<min(operations.count, index + context + 1)
            if let last = ranges.last, last.upperBound >= range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }

    /// The hunk with its header; `position` is where the hunk before it ended, and is moved to
    /// where this one ends, so that all hunks together read the script once.
    private static func render(_ hunk: Range<Int>, _ operations: [Operation], from position: inout Position) -> String {
        while position.index < hunk.lowerBound { advance(&position, over: operations[position.index]) }
        let start = position
        var body = ""
        while position.index < hunk.upperBound {
            let operation = operations[position.index]
            switch operation {
            case .same(let line): body += " \(line)\n"
            case .removed(let line): body += "-\(line)\n"
            case .added(let line): body += "+\(line)\n"
            }
            advance(&position, over: operation)
        }
        let oldCount = position.old - start.old, newCount = position.new - start.new
        let header =
            "@@ -\(oldCount == 0 ? start.old - 1 : start.old),\(oldCount) +\(newCount == 0 ? start.new - 1 : start.new),\(newCount) @@\n"
        return header + body
    }

    private static func advance(_ position: inout Position, over operation: Operation) {
        position.index += 1
        switch operation {
        case .same: (position.old, position.new) = (position.old + 1, position.new + 1)
        case .removed: position.old += 1
        case .added: position.new += 1
        }
    }
}
