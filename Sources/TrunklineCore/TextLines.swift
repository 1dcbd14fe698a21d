/// Text cut into lines as a shell or a file reader counts them: at every line feed byte.
///
/// Swift's `split(separator: "\n")` goes by `Character`, and `"\r\n"` is one character, so a
/// file with CRLF line ends would come back as a single line; here a `\r` stays at the end of its
/// line instead. Cutting at an ASCII byte never splits a UTF-8 sequence.
public enum TextLines {
    /// The lines of `text`, cut at each `\n`: `"a\nb\n"` is `["a", "b", ""]`, or `["a", "b"]`
    /// when `omittingEmpty`, which also drops every other empty line.
    public static func split(_ text: String, omittingEmpty: Bool = false) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: omittingEmpty).map {
            String(Substring($0))
        }
    }
}
