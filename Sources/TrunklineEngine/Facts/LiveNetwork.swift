import TrunklineCore

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

    /// `ip -o -4 addr show`, then the default route after `@@routes` and the links after `@@links`.
    public static let script = [
        ShellWord.command(["ip", "-o", "-4", "addr", "show"]) + " 2>/dev/null",
        "printf '@@routes\\n'; " + ShellWord.command(["ip", "-4", "route", "show", "default"]) + " 2>/dev/null",
        "printf '@@links\\n'; " + ShellWord.command(["ip", "-o", "link", "show"]) + " 2>/dev/null",
    ].joined(separator: "\n")

    /// The state in the `@@live` section.
    public static func parse(_ section: [String]) -> LiveNetwork {
        let parts = Self.parts(of: section, at: ["routes", "links"])
        return parse(addresses: parts[0], routes: parts[1], links: parts[2])
    }

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

extension HostFacts {
    /// Live IPv4 addresses and the default route, if they were read.
    public var live: LiveNetwork? {
        get { self[LiveNetwork.self] }
        set { self[LiveNetwork.self] = newValue }
    }
}
