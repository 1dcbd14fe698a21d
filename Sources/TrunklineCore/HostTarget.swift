/// A host as written on the command line: `host`, `user@host`, `host:port`, `user@[2001:db8::1]:port`.
public struct HostTarget: Sendable, Hashable, CustomStringConvertible {
    /// The name the user calls the host by (used in output and logs).
    public var name: String
    /// The address or DNS name to connect to.
    public var address: String
    /// The login user, if given.
    public var user: String?
    /// The port, if given.
    public var port: Int?

    /// Creates a target.
    public init(name: String, address: String, user: String? = nil, port: Int? = nil) {
        self.name = name
        self.address = address
        self.user = user
        self.port = port
    }

    /// Parses `user@host:port` (every part but the host optional; IPv6 in brackets).
    public init(parsing text: String) throws {
        var rest = Substring(text)
        var user: String?
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
            guard !(user ?? "").isEmpty else { throw HostTargetError(text: text, reason: "the user before @ is empty") }
        }
        var address = rest
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw HostTargetError(text: text, reason: "missing ]") }
            address = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw HostTargetError(text: text, reason: "expected :port after ]") }
                port = try Self.port(after.dropFirst(), in: text)
            }
        } else if let colon = rest.firstIndex(of: ":") {
            address = rest[..<colon]
            port = try Self.port(rest[rest.index(after: colon)...], in: text)
        }
        guard !address.isEmpty else { throw HostTargetError(text: text, reason: "the host is empty") }
        self.init(name: String(address), address: String(address), user: user, port: port)
    }

    private static func port(_ text: Substring, in whole: String) throws -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw HostTargetError(text: whole, reason: "port must be a number from 1 to 65535")
        }
        return port
    }

    public var description: String { name }
}

/// A host written in a form `HostTarget` cannot read.
public struct HostTargetError: Error, Sendable, CustomStringConvertible {
    /// The text as written.
    public var text: String
    /// What is wrong with it.
    public var reason: String

    public var description: String { "invalid host '\(text)': \(reason)" }
}
