/// The one place where values become POSIX shell words.
///
/// Every value that reaches a remote shell goes through `quote` (or `command`, which applies it to
/// each argument), so a host variable such as `$(touch /tmp/pwned)` or `; reboot` arrives as a
/// literal string and runs nothing.
public enum ShellWord {
    /// Characters that never need quoting in a POSIX shell word.
    private static let plain = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-".unicodeScalars)

    /// `value` as one shell word: unchanged if it is made only of safe characters,
    /// otherwise in single quotes, with each `'` written as `'\''`. The empty string is `''`.
    public static func quote(_ value: String) -> String {
        if !value.isEmpty, value.unicodeScalars.allSatisfy(plain.contains) { return value }
        var quoted = "'"
        for character in value {
            quoted += character == "'" ? #"'\''"# : String(character)
        }
        return quoted + "'"
    }

    /// An argv array as one shell command line, each argument quoted.
    public static func command(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }
}
