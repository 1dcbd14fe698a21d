/// What a value may be made of when it lands in a file another program parses: a shell
/// sourcing an ifcfg file or `/etc/default/grub`, ifupdown's Open vSwitch hook `eval`-ing
/// `ovs_extra`, a line-based file such as `sysctl.d` or `modprobe.d`. A value outside its rule
/// is refused at validation, before any host is contacted, so nothing a value says can become
/// shell syntax, a second directive or a second line in a rendered file. Every rule is ASCII:
/// a look-alike (a fullwidth digit, a Cyrillic letter) is refused, not written.
public struct CharacterRule: Sendable {
    /// What the value is, for errors ("an interface name").
    public let what: String
    /// The characters besides ASCII letters and digits that the value may contain.
    public let punctuation: String
    /// Characters the value may not start with (`-`: it would read as an option).
    public let notFirst: String
    /// The length range in UTF-8 bytes.
    public let length: ClosedRange<Int>

    /// Kernel interface, bridge, bond and port names: what `ip link` and every interface file
    /// take without quoting.
    public static let interfaceName = CharacterRule(
        what: "an interface name", punctuation: "._-", notFirst: "-", length: 1...15)
    /// A DNS search domain (`dns-search`, `DOMAIN=`, netplan `search:`).
    public static let domainName = CharacterRule(
        what: "a domain name", punctuation: ".-_", notFirst: "-.", length: 1...253)
    /// A key of an Open vSwitch map column (`external_ids`, `other_config`).
    public static let ovsMapKey = CharacterRule(
        what: "an Open vSwitch map key", punctuation: "_-.:", notFirst: "-", length: 1...255)
    /// A value of an Open vSwitch map column, as it can stand in `ovs_extra` and `OVS_EXTRA`.
    public static let ovsMapValue = CharacterRule(
        what: "an Open vSwitch map value", punctuation: "_-.:,@+/=", notFirst: "", length: 0...255)
    /// A kernel command-line argument in `GRUB_CMDLINE_LINUX`.
    public static let kernelArgument = CharacterRule(
        what: "a kernel argument", punctuation: "_-.,:=/+@%", notFirst: "", length: 1...512)
    /// A sysctl key (`net.ipv4.ip_forward`, `net/ipv4/conf/eth0.100/rp_filter`).
    public static let sysctlKey = CharacterRule(
        what: "a sysctl key", punctuation: "._-/", notFirst: "-./", length: 1...255)
    /// A kernel module name.
    public static let moduleName = CharacterRule(
        what: "a kernel module name", punctuation: "_-", notFirst: "-", length: 1...64)
    /// A systemd unit name, with its escapes (`systemd-fsck@dev-disk-by\x2dlabel-a.service`).
    public static let unitName = CharacterRule(
        what: "a unit name", punctuation: "-_.@:\\", notFirst: "-", length: 1...255)
    /// A Debian or RPM package name, with an optional architecture (`libc6:amd64`).
    public static let packageName = CharacterRule(
        what: "a package name", punctuation: "+-._:", notFirst: "-.+", length: 1...255)

    /// Why `text` breaks the rule, or nil if it keeps it.
    public func violation(_ text: String) -> String? {
        guard length.contains(text.utf8.count) else {
            return "must be \(length.lowerBound) to \(length.upperBound) bytes long, not \(text.utf8.count)"
        }
        if let first = text.unicodeScalars.first, notFirst.unicodeScalars.contains(first) {
            return "may not start with '\(first)'"
        }
        if let bad = text.unicodeScalars.first(where: { !allows($0) }) {
            return "may contain only ASCII letters, digits and \(Self.listed(punctuation)), not \(Self.named(bad))"
        }
        return nil
    }

    /// Compared by code point: Unicode's property tables were most of validating a large fleet.
    private func allows(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || (scalar.isASCII && punctuation.unicodeScalars.contains(scalar))
    }

    /// `'.', '-' and '_'`.
    private static func listed(_ characters: String) -> String {
        let quoted = characters.map { "'\($0)'" }
        return quoted.count > 1 ? quoted.dropLast().joined(separator: ", ") + " and " + quoted.last! : quoted.joined()
    }

    /// A character as an error shows it: printable ones quoted, others by code point.
    static func named(_ scalar: Unicode.Scalar) -> String {
        if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace || !scalar.isASCII {
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                + (scalar == "\n" ? " (a newline)" : scalar.properties.isWhitespace ? " (a space)" : "")
        }
        return "'\(scalar)'"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}

extension CharacterRule {
    /// Why `text` cannot be one line of a line-based file (`sysctl.d`, `KEY=VALUE` files), or
    /// nil: it may hold anything but a line break or another control character (tabs aside).
    public static func singleLineViolation(_ text: String) -> String? {
        // The control characters (general category Cc) by code point: C0, DEL and C1.
        guard
            let bad = text.unicodeScalars.first(where: {
                $0 != "\t"
                    && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}")
            })
        else {
            return nil
        }
        return "must be one line, without \(named(bad))"
    }
}
