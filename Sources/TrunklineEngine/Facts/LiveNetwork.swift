/// A host's live IPv4 addresses and default route, as `ip` reports them: read in the facts
/// exec, updated by the changes that move addresses, so check mode and drift see where each
/// address is now and where the model wants it.
public struct LiveNetwork: Sendable, Equatable {
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

    /// The commands of the facts exec that print it (`ip -o -4 addr show`, then the default route).
    static let addressCommand = ["ip", "-o", "-4", "addr", "show"]
    static let routeCommand = ["ip", "-4", "route", "show", "default"]
    static let linkCommand = ["ip", "-o", "link", "show"]

    /// The state `ip -o -4 addr show`, `ip -4 route show default` and `ip -o link show` printed.
    public static func parse(addresses: [String], routes: [String], links: [String] = []) -> LiveNetwork {
        var live = LiveNetwork()
        for line in links {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, fields[1].hasSuffix(":"), fields[2].hasPrefix("<") else { continue }
            let device = String(fields[1].dropLast().prefix { $0 != "@" })
            if !fields[2].dropFirst().dropLast().split(separator: ",").contains("UP") { live.down.insert(device) }
        }
        for line in addresses {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 4, fields[2] == "inet" else { continue }
            let device = String(fields[1].prefix { $0 != "@" })
            live.addresses[device, default: []].append(String(fields[3]))
        }
        for line in routes {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.first == "default", let via = fields.firstIndex(of: "via"), let dev = fields.firstIndex(of: "dev"),
                  via + 1 < fields.count, dev + 1 < fields.count else { continue }
            live.defaultRoute = DefaultRoute(gateway: fields[via + 1], device: fields[dev + 1])
            break
        }
        return live
    }

    /// The interfaces that hold `ip` (any prefix), sorted.
    public func holders(of ip: String) -> [String] {
        addresses.filter { $0.value.contains { $0.split(separator: "/").first.map(String.init) == ip } }.keys.sorted()
    }
}
