/// An IPv4 address (dotted quad), with what the network model needs of it.
public struct IPv4Address: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The address as a 32-bit number.
    public let value: UInt32

    /// Parses `a.b.c.d`; nil if it is not a dotted quad.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isNumber), let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        self.value = value
    }

    /// The address with this 32-bit value.
    public init(value: UInt32) {
        self.value = value
    }

    /// The netmask of a prefix length (0 to 32).
    public static func netmask(prefix: Int) -> IPv4Address {
        IPv4Address(value: prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix))
    }

    /// The prefix length if this is a contiguous netmask (ones, then zeros).
    public var prefixLength: Int? {
        let ones = value.leadingZeroBitCount == 0 ? (~value).leadingZeroBitCount : 0
        return IPv4Address.netmask(prefix: ones).value == value ? ones : nil
    }

    public var description: String {
        [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }
}
