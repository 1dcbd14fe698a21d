/// Unified diffs of text files, as `diff -u` prints them.
public enum TextDiff {
    /// The unified diff from `old` to `new` (nil for a missing file), labelled with `path`;
    /// empty if they are equal.
    public static func unified(old: String?, new: String?, path: String, context: Int = 3) -> String {
        let before = lines(old), after = lines(new)
        guard before != after else { return "" }
        let operations = script(before, after)
        var output = "--- \(old == nil ? "/dev/null" : "a" + path)\n+++ \(new == nil ? "/dev/null" : "b" + path)\n"
        for hunk in hunks(operations, context: context) { output += render(hunk, operations) }
        return output
    }

    private enum Operation: Equatable { case same(String), removed(String), added(String) }

    private static func lines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() } else { lines[lines.count - 1] += "\n\\ No newline at end of file" }
        return lines
    }

    /// A shortest edit script by longest common subsequence (configuration files are small).
    private static func script(_ a: [String], _ b: [String]) -> [Operation] {
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var operations: [Operation] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                operations.append(.same(a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                operations.append(.removed(a[i])); i += 1
            } else {
                operations.append(.added(b[j])); j += 1
            }
        }
        return operations
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

    private static func render(_ hunk: Range<Int>, _ operations: [Operation]) -> String {
        var oldStart = 1, newStart = 1
        for operation in operations[..<hunk.lowerBound] {
            switch operation {
            case .same: oldStart += 1; newStart += 1
            case .removed: oldStart += 1
            case .added: newStart += 1
            }
        }
        var body = "", oldCount = 0, newCount = 0
        for operation in operations[hunk] {
            switch operation {
            case .same(let line): body += " \(line)\n"; oldCount += 1; newCount += 1
            case .removed(let line): body += "-\(line)\n"; oldCount += 1
            case .added(let line): body += "+\(line)\n"; newCount += 1
            }
        }
        let header = "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
        return header + body
    }
}
