import Foundation

/// A Python regular expression through `NSRegularExpression` (whose syntax matches Python's
/// for what templates use), with Python's replacement syntax (`\1`, `\g<name>`).
struct PythonRegex {
    let expression: NSRegularExpression

    init(
        _ pattern: String, ignoreCase: Bool = false, multiline: Bool = false, at position: Position, renderer: Renderer
    ) throws {
        var options: NSRegularExpression.Options = []
        if ignoreCase { options.insert(.caseInsensitive) }
        if multiline { options.insert(.anchorsMatchLines) }
        let translated = pattern.replacingOccurrences(of: "(?P<", with: "(?<").replacingOccurrences(
            of: "\\Z", with: "\\z")
        do {
            expression = try NSRegularExpression(pattern: translated, options: options)
        } catch {
            throw renderer.fail(.type, "invalid regular expression '\(pattern)'", at: position)
        }
    }

    /// The first match in `text`; anchored: only at its start (Python's `re.match`).
    func firstMatch(in text: String, anchored: Bool) -> NSTextCheckingResult? {
        expression.firstMatch(
            in: text, options: anchored ? [.anchored] : [], range: NSRange(text.startIndex..., in: text))
    }

    /// The text of group `index` of `match`, nil if it took no part.
    func group(_ match: NSTextCheckingResult, _ index: Int, in text: String) -> String? {
        guard index < match.numberOfRanges, let range = Range(match.range(at: index), in: text) else { return nil }
        return String(text[range])
    }

    /// `re.sub(pattern, replacement, text, count)`.
    func replace(in text: String, with replacement: String, count: Int) -> String {
        var result = ""
        var last = text.startIndex
        var replaced = 0
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard count <= 0 || replaced < count, let range = Range(match.range, in: text) else { break }
            result += text[last..<range.lowerBound]
            result += expand(replacement, match, in: text)
            last = range.upperBound
            replaced += 1
        }
        return result + text[last...]
    }

    /// `replacement` with `\N`, `\g<N>` and `\g<name>` as the groups of `match`.
    private func expand(_ replacement: String, _ match: NSTextCheckingResult, in text: String) -> String {
        var result = ""
        var scalars = Array(replacement.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let next = scalars.first else { result.unicodeScalars.append(scalar); continue }
            if next.properties.numericType == .decimal, let digit = Int(String(next)) {
                scalars = scalars.dropFirst()
                var index = digit
                if let more = scalars.first, let second = Int(String(more)), index * 10 + second < match.numberOfRanges
                {
                    index = index * 10 + second
                    scalars = scalars.dropFirst()
                }
                result += group(match, index, in: text) ?? ""
            } else if next == "g", scalars.dropFirst().first == "<", let close = scalars.firstIndex(of: ">") {
                let name = PythonString.string(scalars[(scalars.startIndex + 2)..<close])
                scalars = scalars[(close + 1)...]
                if let index = Int(name) {
                    result += group(match, index, in: text) ?? ""
                } else if let range = Range(match.range(withName: name), in: text) {
                    result += text[range]
                }
            } else {
                scalars = scalars.dropFirst()
                switch next {
                case "n": result += "\n"
                case "t": result += "\t"
                case "\\": result += "\\"
                default: result += "\\" + String(next)
                }
            }
        }
        return result
    }
}
