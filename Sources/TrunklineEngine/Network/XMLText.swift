/// The one place where values become XML text: the libvirt network definitions are written
/// with every value through `escaped`, so no name can open a tag or end an attribute.
enum XMLText {
    /// `text` for an element's content or a single- or double-quoted attribute: `&`, `<`, `>`,
    /// `'` and `"` as entities; control characters, which XML 1.0 cannot hold even as entities,
    /// dropped (validation refuses them first).
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "'": result += "&apos;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result += "&#\(scalar.value);"
            default:
                if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
