import TrunklineCore

/// A host entry of an inventory as Ansible splits it: `name`, `name:port`, `[v6::addr]:port`,
/// a bare IPv6 address (its colons are no port), and host ranges in the name.
enum HostAddress {
    /// The names `entry` stands for and its port, if it has one.
    static func expand(_ entry: String, at location: SourceLocation) throws -> (names: [String], port: Int?) {
        let (pattern, port) = split(entry)
        return (try HostRange.expand(pattern, at: location), port)
    }

    /// `entry` without its port, and the port.
    static func split(_ entry: String) -> (String, Int?) {
        // [host]:port: an IPv6 address (or any name) in brackets before the port.
        if entry.hasPrefix("["), let close = entry.lastIndex(of: "]"),
            entry[entry.index(after: close)...].hasPrefix(":"),
            let port = port(entry[entry.index(close, offsetBy: 2)...]),
            !entry[entry.index(after: entry.startIndex)..<close].isEmpty
        {
            return (String(entry[entry.index(after: entry.startIndex)..<close]), port)
        }
        // name:port, where the name has no colon outside brackets (so `fe80::1` has no port).
        var depth = 0, colon: String.Index?
        for index in entry.indices {
            switch entry[index] {
            case "[": depth += 1
            case "]": depth -= 1
            case ":" where depth == 0:
                guard colon == nil else { return (entry, nil) }
                colon = index
            default: break
            }
        }
        if let colon, let port = port(entry[entry.index(after: colon)...]) { return (String(entry[..<colon]), port) }
        return (entry, nil)
    }

    private static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}
