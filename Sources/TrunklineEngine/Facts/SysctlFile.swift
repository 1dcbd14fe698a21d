/// The file under /proc/sys that `sysctl -n KEY` prints, by sysctl's own rule: a key whose
/// first separator is `/` is a path as it is (`net/ipv4/conf/eth0.100/rp_filter`); in any other
/// key `.` and `/` trade places (`net.ipv4.conf.eth0/100.rp_filter`).
enum SysctlFile {
    /// The characters of a key that the facts script may pass to `sysctl` unquoted (from awk).
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/:@+")

    /// The file `key` names, or nil for a key with an empty, `.` or `..` part or a character not
    /// `plain`, which only `sysctl` itself reads.
    static func path(of key: String) -> String? {
        guard key.allSatisfy(plain.contains) else { return nil }
        let path =
            key.first { $0 == "." || $0 == "/" } == "/"
            ? key : String(key.map { $0 == "." ? "/" : $0 == "/" ? "." : $0 })
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.contains { $0.isEmpty || $0 == "." || $0 == ".." } ? nil : "/proc/sys/" + path
    }
}
