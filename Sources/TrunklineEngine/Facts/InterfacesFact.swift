/// The host's network interfaces (`/sys/class/net`, listed by a glob): the `@@interfaces` section.
public enum InterfacesFact: Fact {
    public static let section = "interfaces"
    public static let script =
        #"for i in /sys/class/net/*; do { [ -e "$i" ] || [ -L "$i" ]; } && printf '%s\n' "${i##*/}"; done; :"#

    /// The interfaces named in the section, sorted.
    public static func parse(_ section: [String]) -> [String] {
        section.filter { !$0.isEmpty }.sorted()
    }
}

extension HostFacts {
    /// Network interfaces, sorted (none if they were not read).
    public var interfaces: [String] { self[InterfacesFact.self] ?? [] }
}
