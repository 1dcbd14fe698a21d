/// Host names as a short list: consecutive numbered hosts with the same prefix and width
/// collapse into a range (`hv001–hv120`), so a step drifting on hundreds of hosts stays short.
enum HostList {
    private struct Range {
        var first: String, last: String, prefix: Substring, digits: Int, number: Int, count: Int
        var text: String { count == 1 ? first : "\(first)–\(last)" }
    }

    /// The ranges of `hosts`, in their order.
    static func ranges(_ hosts: [String]) -> [String] { collapse(hosts).map(\.text) }

    /// The ranges joined with ", ", at most `limit` of them and "… and N more" after.
    static func compact(_ hosts: [String], limit: Int = .max) -> String {
        let all = collapse(hosts)
        guard all.count > limit else { return all.map(\.text).joined(separator: ", ") }
        let hidden = all.dropFirst(limit).reduce(0) { $0 + $1.count }
        return all.prefix(limit).map(\.text).joined(separator: ", ") + " … and \(hidden) more"
    }

    private static func collapse(_ hosts: [String]) -> [Range] {
        var ranges: [Range] = []
        for host in hosts {
            let digits = host.reversed().prefix { $0.isASCII && $0.isNumber }.count
            let prefix = host.dropLast(digits), number = digits > 0 ? Int(host.suffix(digits)) ?? -2 : -2
            if digits > 0, var last = ranges.last, last.prefix == prefix, last.digits == digits,
                last.number + 1 == number
            {
                last.last = host
                last.number = number
                last.count += 1
                ranges[ranges.count - 1] = last
            } else {
                ranges.append(Range(first: host, last: host, prefix: prefix, digits: digits, number: number, count: 1))
            }
        }
        return ranges
    }
}
