import Yams

/// What a YAML scalar is, as YAML 1.1 (and so Ansible's PyYAML) resolves it: the types `YAMLNode.value()`
/// converts to, and everything else, which stays text.
///
/// Documents are composed with a resolver that only marks plain scalars as untagged, so composing does
/// not run Yams's regular expressions over every key and value (they were a third of loading a large
/// inventory). This type then resolves the scalars that are read, with hand-written matchers that accept
/// exactly what the rules of Yams's default resolver accept, in its order: bool, then int, then float.
enum YAMLScalarType: Equatable {
    case bool
    case int
    case float
    /// A string, a timestamp, `<<` or `=`: kept as written.
    case text

    /// The tag the composing resolver gives every untagged plain scalar.
    static let untagged = Tag(untaggedName)
    private static let untaggedName = Tag.Name(rawValue: "tag:trunkline.invalid,2026:untagged")
    /// The resolver `YAMLNode.parse` composes with: one rule that matches at once.
    static let resolver = Resolver.basic.appending(try! Resolver.Rule(untaggedName, "^"))
    private static let explicit = (bool: Tag(.bool), int: Tag(.int), float: Tag(.float))

    /// The type of the scalar `node`: an explicit tag decides, else the text of an untagged plain scalar.
    static func of(_ node: Node) -> YAMLScalarType {
        guard let scalar = node.scalar else { return .text }
        let tag = node.tag
        if tag == untagged { return of(plain: scalar.string) }
        if tag == explicit.bool { return .bool }
        if tag == explicit.int { return .int }
        if tag == explicit.float { return .float }
        return .text
    }

    /// The type YAML 1.1 resolves the untagged plain scalar `text` to. Most scalars (names,
    /// addresses, words) start with a letter, and only booleans among the types do, so those are
    /// decided without copying the text.
    static func of(plain text: String) -> YAMLScalarType {
        guard let first = text.utf8.first else { return .text }
        if first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z") {
            return text.utf8.count <= 5 && boolWords.contains(text) ? .bool : .text
        }
        guard first.isDigit || first == .plus || first == .minus || first == .dot else { return .text }
        return of(plain: Array(text.utf8))
    }

    /// The type YAML 1.1 resolves the untagged plain scalar of bytes `text` to.
    static func of(plain text: [UInt8]) -> YAMLScalarType {
        if isBool(text) { return .bool }
        if isInt(text) { return .int }
        if isFloat(text) { return .float }
        return .text
    }

    private static let boolWords: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static func isBool(_ text: [UInt8]) -> Bool {
        text.count <= 5 && boolWords.contains(String(decoding: text, as: UTF8.self))
    }

    /// `[-+]?` followed by one of: `0b[01_]+`, `0o?[0-7_]+`, `0`, `[1-9][0-9_]*`, `0x[0-9a-fA-F_]+`,
    /// or the sexagesimal `[1-9][0-9_]*(:[0-5]?[0-9])+`.
    private static func isInt(_ text: [UInt8]) -> Bool {
        var scanner = ByteScanner(text)
        scanner.skipSign()
        let rest = scanner.remaining
        guard let first = rest.first else { return false }
        if first == .zero {
            let tail = rest.dropFirst()
            if tail.isEmpty { return true }
            if tail.first == UInt8(ascii: "b") {
                return isRun(tail.dropFirst(), of: { $0 == .zero || $0 == .one || $0 == .underscore })
            }
            if tail.first == UInt8(ascii: "x") {
                return isRun(tail.dropFirst(), of: { $0.isHexDigit || $0 == .underscore })
            }
            let octal = tail.first == UInt8(ascii: "o") ? tail.dropFirst() : tail
            return isRun(octal, of: { $0.isOctalDigit || $0 == .underscore })
        }
        guard first.isNonZeroDigit else { return false }
        var index = rest.startIndex + 1
        while index < rest.endIndex, rest[index].isDigit || rest[index] == .underscore { index += 1 }
        return index == rest.endIndex || isSexagesimalTail(rest[index...])
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`, `\.[0-9_]+([eE][-+][0-9]+)?`,
    /// `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`, `[-+]?\.(inf|Inf|INF)` or `\.(nan|NaN|NAN)`.
    private static func isFloat(_ text: [UInt8]) -> Bool {
        if [".nan", ".NaN", ".NAN"].contains(where: { Array($0.utf8) == text }) { return true }
        var scanner = ByteScanner(text)
        let signed = scanner.skipSign()
        let rest = scanner.remaining
        if [".inf", ".Inf", ".INF"].contains(where: { Array($0.utf8)[...] == rest }) { return true }
        if rest.first == .dot {
            // Only unsigned, with at least one digit or underscore, and an exponent that has a sign.
            guard !signed else { return false }
            var index = rest.startIndex + 1
            while index < rest.endIndex, rest[index].isDigit || rest[index] == .underscore { index += 1 }
            guard index > rest.startIndex + 1 else { return false }
            return index == rest.endIndex || isExponent(rest[index...], signRequired: true)
        }
        guard let first = rest.first, first.isDigit else { return false }
        var index = rest.startIndex + 1
        while index < rest.endIndex, rest[index].isDigit || rest[index] == .underscore { index += 1 }
        if index < rest.endIndex, rest[index] == .colon { return isSexagesimalFraction(rest[index...]) }
        if index < rest.endIndex, rest[index] == .dot {
            index += 1
            while index < rest.endIndex, rest[index].isDigit || rest[index] == .underscore { index += 1 }
        }
        return index == rest.endIndex || isExponent(rest[index...], signRequired: false)
    }

    /// `[eE]` then a sign (optional unless `signRequired`) and one or more digits, to the end.
    private static func isExponent(_ text: ArraySlice<UInt8>, signRequired: Bool) -> Bool {
        guard text.first == UInt8(ascii: "e") || text.first == UInt8(ascii: "E") else { return false }
        var digits = text.dropFirst()
        if digits.first == .plus || digits.first == .minus {
            digits = digits.dropFirst()
        } else if signRequired {
            return false
        }
        return isRun(digits, of: \.isDigit)
    }

    /// `(:[0-5]?[0-9])+` to the end.
    private static func isSexagesimalTail(_ text: ArraySlice<UInt8>) -> Bool {
        guard let end = sexagesimalGroupsEnd(text) else { return false }
        return end == text.endIndex
    }

    /// `(:[0-5]?[0-9])+\.[0-9_]*` to the end.
    private static func isSexagesimalFraction(_ text: ArraySlice<UInt8>) -> Bool {
        guard let end = sexagesimalGroupsEnd(text), end < text.endIndex, text[end] == .dot else { return false }
        return text[(end + 1)...].allSatisfy { $0.isDigit || $0 == .underscore }
    }

    /// Where one or more `:[0-5]?[0-9]` groups at the start of `text` end, or nil if there is none.
    /// Greedy as the regular expression's backtracking would settle: a group takes two digits when the
    /// first is 0 to 5 and the next is a digit.
    private static func sexagesimalGroupsEnd(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8>.Index? {
        var index = text.startIndex
        var groups = 0
        while index < text.endIndex, text[index] == .colon {
            let digit = index + 1
            guard digit < text.endIndex, text[digit].isDigit else { break }
            let twoDigits = digit + 1 < text.endIndex && text[digit + 1].isDigit && text[digit] <= UInt8(ascii: "5")
            index = twoDigits ? digit + 2 : digit + 1
            groups += 1
        }
        return groups > 0 ? index : nil
    }

    private static func isRun(_ text: ArraySlice<UInt8>, of accepted: (UInt8) -> Bool) -> Bool {
        !text.isEmpty && text.allSatisfy(accepted)
    }
}

/// A cursor over a scalar's bytes, for the optional leading sign.
private struct ByteScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: ArraySlice<UInt8> { bytes[index...] }

    /// Skips a leading `+` or `-`; true if there was one.
    @discardableResult
    mutating func skipSign() -> Bool {
        guard index < bytes.count, bytes[index] == .plus || bytes[index] == .minus else { return false }
        index += 1
        return true
    }
}

extension UInt8 {
    fileprivate static let zero = UInt8(ascii: "0")
    fileprivate static let one = UInt8(ascii: "1")
    fileprivate static let underscore = UInt8(ascii: "_")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let minus = UInt8(ascii: "-")
    fileprivate var isDigit: Bool { self >= .zero && self <= UInt8(ascii: "9") }
    fileprivate var isNonZeroDigit: Bool { self >= .one && self <= UInt8(ascii: "9") }
    fileprivate var isOctalDigit: Bool { self >= .zero && self <= UInt8(ascii: "7") }
    fileprivate var isHexDigit: Bool {
        isDigit || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "f"))
    }
}
