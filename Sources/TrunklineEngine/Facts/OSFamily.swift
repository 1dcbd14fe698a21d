/// The family of a host's distribution, from `/etc/os-release`'s `ID` and `ID_LIKE`: what
/// decides package commands, GRUB's tools and where modules load at boot.
public enum OSFamily: Sendable, Hashable {
    /// Debian, Ubuntu and their derivatives.
    case debian
    /// RHEL, CentOS, Fedora and their derivatives.
    case rhel
    /// Any other distribution, by its `ID` (`unknown` without an os-release).
    case other(String)

    /// The family of a distribution `ID` with its `ID_LIKE` list.
    init(id: String, like: [String]) {
        let names = [id] + like
        if names.contains(where: ["rhel", "fedora", "centos"].contains) {
            self = .rhel
        } else if names.contains(where: ["debian", "ubuntu"].contains) {
            self = .debian
        } else {
            self = .other(id)
        }
    }

    /// The name `when:` conditions and `trunkline facts` use: `debian`, `rhel` or the `ID`.
    public var name: String {
        switch self {
        case .debian: "debian"
        case .rhel: "rhel"
        case .other(let id): id
        }
    }
}
