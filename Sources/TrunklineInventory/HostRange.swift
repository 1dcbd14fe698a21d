import TrunklineCore

/// Ansible's host ranges: `hv[01:20]` is hv01 … hv20, `node[a:c]` is nodea … nodec, and ranges
/// in one name multiply (`r[1:2]-hv[01:20]` is 40 names).
enum HostRange {
    /// The most names one pattern may stand for: more is a typo (`[0:100000000]`) that would
    /// fill the memory, so the count is checked before any name is made.
    static let limit = 100_000

    /// One `[start:end]`: how many items it has, and the item at an offset (nil for a code
    /// point that is no character).
    private struct Span {
        let count: Int
        let item: (Int) -> String?
    }

    /// The names `pattern` stands for (itself if it has no range), in order: the last range
    /// varies fastest.
    static func expand(_ pattern: String, at location: SourceLocation) throws -> [String] {
        var literals: [String] = [], spans: [Span] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            literals.append(String(rest[..<open]))
            spans.append(try span(rest[rest.index(after: open)..<close], of: pattern, at: location))
            rest = rest[rest.index(after: close)...]
        }
        literals.append(String(rest))
        let total = try spans.reduce(1) { total, span in
            let (product, overflow) = total.multipliedReportingOverflow(by: span.count)
            guard !overflow, product <= limit else {
                throw InputError(location, "host range '\(pattern)' stands for more than \(limit) hosts")
            }
            return product
        }
        return (0..<total).compactMap { name(at: $0, literals: literals, spans: spans) }
    }

    /// The name at `index` of the product of `spans`, read as a number whose digits are the
    /// spans' offsets.
    private static func name(at index: Int, literals: [String], spans: [Span]) -> String? {
        var remainder = index, items: [String] = []
        for span in spans.reversed() {
            guard let item = span.item(remainder % span.count) else { return nil }
            items.append(item)
            remainder /= span.count
        }
        return zip(literals, items.reversed()).map { $0 + $1 }.joined() + literals[literals.count - 1]
    }

    private static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").map(String.init)

    /// `start:end` or `start:end:step`, as Ansible reads it: an empty start is 0, a start with a
    /// leading zero pads to its width (and the end must be as wide), letters count through a–z
    /// then A–Z.
    private static func span(_ text: Substring, of pattern: String, at location: SourceLocation) throws -> Span {
        let bounds = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count == 2 || bounds.count == 3, !bounds[1].isEmpty else {
            throw InputError(location, "host range '\(pattern)' must look like name[01:20] or name[01:20:2]")
        }
        let begin = bounds[0].isEmpty ? "0" : bounds[0], end = bounds[1]
        var step = 1
        if bounds.count == 3, !bounds[2].isEmpty {
            guard let written = Int(bounds[2]), written > 0 else {
                throw InputError(location, "host range '\(pattern)' must have a positive whole step")
            }
            step = written
        }
        if let start = Int(begin), let last = Int(end), start <= last {
            let width = begin.hasPrefix("0") && begin.count > 1 ? begin.count : 0
            guard width == 0 || end.count == width else {
                throw InputError(location, "host range '\(pattern)' must have a start and end of the same width")
            }
            let (distance, overflow) = last.subtractingReportingOverflow(start)
            return Span(count: overflow || distance == .max ? .max : distance / step + 1) { offset in
                let digits = String(start + offset * step)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
        }
        if let first = letters.firstIndex(of: begin), let last = letters.firstIndex(of: end), first <= last {
            return Span(count: (last - first) / step + 1) { offset in letters[first + offset * step] }
        }
        throw InputError(location, "host range '\(pattern)' must go from a lower to a higher number or letter")
    }
}
