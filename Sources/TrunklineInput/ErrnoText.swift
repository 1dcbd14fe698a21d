import Foundation

/// The system's words for an `errno` value, as `ls` and `cat` print them but in lower case
/// (`no such file or directory`, `permission denied`), so a message says why, not only what.
public enum ErrnoText {
    /// The text for `code`.
    public static func of(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
