/// The one place where values become POSIX shell words.
///
/// Every value that reaches a remote shell goes through `quote` (or `command`, which applies it to
/// each argument), so a host variable such as `$(touch /tmp/pwned)` or `; reboot` arrives as a
/// literal string and runs nothing.
public enum ShellWord {
    /// The bytes that never need quoting in a POSIX shell word (all ASCII).
    private static let plain = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-".utf8)

    /// `value` as one shell word: unchanged if it is made only of safe characters,
    /// otherwise in single quotes, with each `'` written as `'\''`. The empty string is `''`.
    ///
    /// It works on the UTF-8 bytes the shell reads, not on Swift's characters: a `'` followed by
    /// a combining mark is one `Character` that is not `"'"`, yet its first byte still ends a
    /// quoted word in the shell. UTF-8 never uses the byte of `'` inside another character.
    public static func quote(_ value: String) -> String {
        if !value.isEmpty, value.utf8.allSatisfy(plain.contains) { return value }
        let quoteByte = UInt8(ascii: "'")
        var bytes = [quoteByte]
        bytes.reserveCapacity(value.utf8.count + 2)
        for byte in value.utf8 {
            if byte == quoteByte { bytes += Array(#"'\''"#.utf8) } else { bytes.append(byte) }
        }
        bytes.append(quoteByte)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An argv array as one shell command line, each argument quoted.
    public static func command(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }
}
