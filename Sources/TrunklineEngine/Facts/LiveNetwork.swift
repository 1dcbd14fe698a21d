/// A host's live IPv4 addresses and default route, as `ip` reports them: read in the facts
/// exec, updated by the changes that move addresses, so check mode and drift see where each
/// address is now and where the model wants it.
public struct LiveNetwork: Fact, Equatable {
    /// The IPv4 default route.
    public struct DefaultRoute: Sendable, Equatable {
        public var gateway: String
        public var device: String

        /// Creates a default route.
        public init(gateway: String, device: String) {
            self.gateway = gateway
            self.device = device
        }
    }

    /// Each interface's addresses with their prefixes (`10.0.0.2/24`), in the kernel's order.
    public var addresses: [String: [String]]
    /// The default route, if the host has one.
    public var defaultRoute: DefaultRoute?
    /// Interfaces that are administratively down (no `UP` flag).
    public var down: Set<String>

    /// Creates live state.
    public init(addresses: [String: [String]] = [:], defaultRoute: DefaultRoute? = nil, down: Set<String> = []) {
        self.addresses = addresses
        self.defaultRoute = defaultRoute
        self.down = down
    }

    public static let section = "live"

    /// One `ip` for the three listings: `ip -o -4 addr show`, `ip -4 route show default` (here
    /// one-line too: a multipath route's next hops follow a `\` on its line) and `ip -o link show`.
    public static let script = """
        ip -o -4 -force -batch - 2>/dev/null <<'TL_IP'
        addr show
        route show default
        link show
        TL_IP
        """

    /// The state in the `@@live` section: each line is an address, a route or a link by its shape.
    public static func parse(_ section: [String]) -> LiveNetwork {
        parse(addresses: section, routes: section, links: section)
    }

    /// The state `ip -o -4 addr show`, `ip -4 route show default` and `ip -o link show` printed;
    /// each list's lines of another shape are skipped. The lines are cut into fields at their
    /// space and tab bytes (`ip` prints ASCII around the names it shows).
    public static func parse(addresses: [String], routes: [String], links: [String] = []) -> LiveNetwork {
        var live = LiveNetwork()
        for line in links {
            let fields = Self.fields(line[...])
            guard fields.count >= 3, isIndex(fields[0]), fields[1].utf8.last == colon,
                fields[2].utf8.first == UInt8(ascii: "<")
            else { continue }
            let device = String(fields[1].dropLast().prefix { $0 != "@" })
            if !fields[2].dropFirst().dropLast().split(separator: ",").contains("UP") { live.down.insert(device) }
        }
        for line in addresses {
            let fields = Self.fields(line[...])
            guard fields.count >= 4, isIndex(fields[0]), fields[2] == "inet" else { continue }
            let device = String(fields[1].prefix { $0 != "@" })
            live.addresses[device, default: []].append(String(fields[3]))
        }
        for line in routes {
            // A multipath route's next hops follow a `\` on its line (`ip -o`).
            let route = line[..<(line.utf8.firstIndex(of: UInt8(ascii: "\\")) ?? line.endIndex)]
            let fields = Self.fields(route)
            guard fields.first == "default", let via = fields.firstIndex(of: "via"),
                let dev = fields.firstIndex(of: "dev"),
                via + 1 < fields.count, dev + 1 < fields.count
            else { continue }
            live.defaultRoute = DefaultRoute(gateway: String(fields[via + 1]), device: String(fields[dev + 1]))
            break
        }
        return live
    }

    private static let colon = UInt8(ascii: ":")

    /// The fields of `line` between its runs of spaces and tabs.
    private static func fields(_ line: Substring) -> [Substring] {
        var fields: [Substring] = [], start: String.Index?
        var index = line.utf8.startIndex
        while index != line.utf8.endIndex {
            let byte = line.utf8[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if let first = start { fields.append(line[first..<index]) }
                start = nil
            } else if start == nil {
                start = index
            }
            line.utf8.formIndex(after: &index)
        }
        if let first = start { fields.append(line[first...]) }
        return fields
    }

    /// Whether `field` is an interface index as `ip -o` starts its lines with (`7:`).
    private static func isIndex(_ field: Substring) -> Bool {
        let bytes = field.utf8
        return bytes.count > 1 && bytes.last == colon
            && bytes.dropLast().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// The interfaces that hold `ip` (any prefix), sorted.
    public func holders(of ip: String) -> [String] {
        addresses.filter { $0.value.contains { $0.split(separator: "/").first.map(String.init) == ip } }.keys.sorted()
    }
}

extension HostFacts {
    /// Live IPv4 addresses and the default route, if they were read.
    public var live: LiveNetwork? {
        get { self[LiveNetwork.self] }
        set { self[LiveNetwork.self] = newValue }
    }
}
