import TrunklineEngine

/// How a play's hosts are split into batches (`--serial 1,5,25%,100%`, or a play's `serial:`):
/// each entry is a count or a percentage of all the hosts (rounded down, at least 1); the last
/// entry repeats until every host has a batch. Empty means one batch of all.
public struct SerialSpec: Sendable, Equatable, CustomStringConvertible {
    /// One entry: a number of hosts or a percentage of them.
    public enum Size: Sendable, Equatable {
        case hosts(Int)
        case percent(Int)
    }

    /// The entries, in order.
    public let sizes: [Size]

    /// The spec as written on the command line: entries separated by commas.
    public init(parsing text: String) throws {
        try self.init(
            entries: text.split(separator: ",", omittingEmptySubsequences: false).map { $0.filter { $0 != " " } })
    }

    /// The spec from separate entries (`1`, `"25%"`).
    public init(entries: [String]) throws {
        guard !entries.isEmpty else { throw SerialSpecError(text: "", reason: "it is empty") }
        sizes = try entries.map(Self.size)
    }

    private static func size(_ entry: String) throws -> Size {
        if entry.hasSuffix("%") {
            guard let value = Int(entry.dropLast()), (1...100).contains(value) else {
                throw SerialSpecError(text: entry, reason: "a percentage must be 1% to 100%")
            }
            return .percent(value)
        }
        guard let value = Int(entry), value >= 1 else {
            throw SerialSpecError(text: entry, reason: "a batch size is a number of hosts (1 or more) or a percentage")
        }
        return .hosts(value)
    }

    /// `items` in batches.
    public func batches<Item>(_ items: [Item]) -> [[Item]] {
        var batches: [[Item]] = []
        var start = 0, entry = 0
        while start < items.count {
            let size: Int
            switch sizes[min(entry, sizes.count - 1)] {
            case .hosts(let count): size = count
            case .percent(let percent): size = max(1, items.count * percent / 100)
            }
            let end = min(items.count, start + size)
            batches.append(Array(items[start..<end]))
            start = end
            entry += 1
        }
        return batches
    }

    public var description: String {
        sizes.map { if case .percent(let p) = $0 { "\(p)%" } else if case .hosts(let n) = $0 { "\(n)" } else { "" } }
            .joined(separator: ",")
    }
}
