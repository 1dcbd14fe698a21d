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

    /// A text file's lines without their line ends, and whether the file ends its lines with
    /// CRLF (its first line does): then each line's `\r` is part of its end, not of the line. A
    /// file that ends in a line end gives no empty last line.
    public static func fileLines(_ text: String) -> (lines: [String], crlf: Bool) {
        guard !text.isEmpty else { return ([], false) }
        var lines = split(text)
        if lines.last == "" { lines.removeLast() }
        let crlf =
            lines.count > 1 || text.utf8.last == UInt8(ascii: "\n") ? lines.first?.hasSuffix("\r") == true : false
        if crlf { lines = lines.map { $0.hasSuffix("\r") ? String($0.utf8.dropLast())! : $0 } }
        return (lines, crlf)
    }

    /// `lines` as a file's text, each line ended by `\r\n` when `crlf`, else by `\n`.
    public static func fileText(_ lines: [String], crlf: Bool) -> String {
        lines.isEmpty ? "" : lines.map { $0 + (crlf ? "\r\n" : "\n") }.joined()
    }
}
