/// The host's running name (`hostname`, read from the kernel without a process): the
/// `@@hostname` section.
public enum HostnameFact: Fact {
    public static let section = "hostname"
    public static let script =
        #"{ read -r h && printf '%s\n' "$h"; } 2>/dev/null < /proc/sys/kernel/hostname || hostname"#

    /// The section's first line.
    public static func parse(_ section: [String]) -> String {
        section.first ?? ""
    }
}

extension HostFacts {
    /// The host's name (empty if it was not read).
    public var hostname: String {
        get { self[HostnameFact.self] ?? "" }
        set { self[HostnameFact.self] = newValue }
    }
}
