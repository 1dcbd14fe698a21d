/// The one place where values become XML or HTML text: the libvirt network definitions, the
/// HTML drift report, its SVG chart and the JUnit XML all put every value through `escaped`, so
/// no value can open a tag or end an attribute.
public enum MarkupText {
    /// What becomes of tab, newline and carriage return.
    public enum LineBreaks: Sendable {
        /// Kept as they are: element content, where they read as written (a `<pre>` diff).
        case kept
        /// Character references: attribute values, which an XML parser would otherwise
        /// normalize to spaces.
        case references
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as references, the line breaks as `lineBreaks`
    /// says, and the other control characters, which XML 1.0 cannot hold even as references,
    /// replaced by U+FFFD.
    public static func escaped(_ text: String, lineBreaks: LineBreaks = .kept) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped += lineBreaks == .kept ? String(scalar) : "&#\(scalar.value);"
            case _ where scalar.value < 0x20: escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
