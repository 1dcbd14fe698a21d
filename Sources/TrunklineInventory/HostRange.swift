import TrunklineCore

/// Ansible's host ranges: `hv[01:20]` is hv01 … hv20, `node[a:c]` is nodea … nodec.
enum HostRange {
    /// The names `pattern` stands for (itself if it has no range).
    static func expand(_ pattern: String, at location: SourceLocation) throws -> [String] {
        guard let open = pattern.firstIndex(of: "["), let close = pattern[open...].firstIndex(of: "]") else { return [pattern] }
        let prefix = String(pattern[..<open]), suffix = String(pattern[pattern.index(after: close)...])
        let bounds = pattern[pattern.index(after: open)..<close].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count == 2 else {
            throw InputError(location, "host range '\(pattern)' must look like name[01:20]")
        }
        let items: [String]
        if let start = Int(bounds[0]), let end = Int(bounds[1]), start <= end {
            let width = bounds[0].hasPrefix("0") ? bounds[0].count : 0
            items = (start...end).map { number in
                let digits = String(number)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
        } else if bounds.allSatisfy({ $0.count == 1 && $0.first!.isLetter }), let first = bounds[0].unicodeScalars.first,
                  let last = bounds[1].unicodeScalars.first, first.value <= last.value {
            items = (first.value...last.value).compactMap { Unicode.Scalar($0).map { String(Character($0)) } }
        } else {
            throw InputError(location, "host range '\(pattern)' must go from a lower to a higher number or letter")
        }
        return try items.flatMap { try expand(prefix + $0 + suffix, at: location) }
    }
}
