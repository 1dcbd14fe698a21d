/// Python's string operations by Unicode scalar, as templates' methods and filters use them.
enum PythonString {
    static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// `text.split(separator, limit)` (or `rsplit`).
    static func split(_ text: String, by separator: String, limit: Int, fromRight: Bool) throws -> [String] {
        guard !separator.isEmpty else { throw TemplateError(.type, "empty separator") }
        var parts = text.components(separatedBy: separator)
        guard limit >= 0, parts.count > limit + 1 else { return parts }
        if fromRight {
            let head = parts[..<(parts.count - limit)].joined(separator: separator)
            parts = [head] + parts[(parts.count - limit)...]
        } else {
            parts = Array(parts[..<limit]) + [parts[limit...].joined(separator: separator)]
        }
        return parts
    }

    /// `text.split()`: runs of whitespace separate, none at the ends.
    static func splitWhitespace(_ text: String, limit: Int) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var rest = text.unicodeScalars[...]
        while let scalar = rest.first {
            if scalar.properties.isWhitespace && (limit < 0 || parts.count < limit) {
                if !current.isEmpty { parts.append(String(current)); current = String.UnicodeScalarView() }
            } else if scalar.properties.isWhitespace && current.isEmpty {
            } else {
                current.append(scalar)
            }
            rest = rest.dropFirst()
        }
        if !current.isEmpty {
            parts.append(
                limit >= 0 && parts.count == limit
                    ? strip(String(current), nil, leading: false, trailing: true) : String(current))
        }
        return parts
    }

    /// `text.strip(characters)` (whitespace if nil), at either end.
    static func strip(_ text: String, _ characters: String?, leading: Bool, trailing: Bool) -> String {
        let set = characters.map { Set($0.unicodeScalars) }
        func strippable(_ scalar: Unicode.Scalar) -> Bool { set?.contains(scalar) ?? scalar.properties.isWhitespace }
        var items = scalars(text)[...]
        if leading { items = items.drop(while: strippable) }
        if trailing { while let last = items.last, strippable(last) { items = items.dropLast() } }
        return string(items)
    }

    /// `text.replace(old, new, count)`, the result's size checked.
    static func replace(
        _ text: String, _ old: String, with new: String, count: Int, budget: RenderBudget
    ) throws -> String {
        if old.isEmpty {
            let items = scalars(text)
            var result = count == 0 ? "" : new
            for (index, scalar) in items.enumerated() {
                result.unicodeScalars.append(scalar)
                if count < 0 || index + 1 < count { result += new }
            }
            try budget.check(length: result.utf8.count)
            return result
        }
        let parts = text.components(separatedBy: old)
        try budget.check(length: text.utf8.count + (parts.count - 1) * max(0, new.utf8.count - old.utf8.count))
        guard count >= 0, parts.count > count + 1 else { return parts.joined(separator: new) }
        return parts[...count].joined(separator: new) + old + parts[(count + 1)...].joined(separator: old)
    }

    /// `text.capitalize()`: the first character upper case, the rest lower.
    static func capitalize(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        return String(first).uppercased() + string(text.unicodeScalars.dropFirst()).lowercased()
    }

    /// `text.title()`: each run of letters capitalized.
    static func title(_ text: String) -> String {
        var result = ""
        var previousCased = false
        for scalar in text.unicodeScalars {
            let cased = scalar.properties.isCased
            result += previousCased ? String(scalar).lowercased() : String(scalar).uppercased()
            previousCased = cased
        }
        return result
    }

    /// `text.find(part)`: the scalar offset, or -1.
    static func find(_ text: String, _ part: String) -> Int {
        guard let range = text.range(of: part) else { return -1 }
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
    }

    /// `text.count(part)`: non-overlapping occurrences.
    static func count(_ text: String, _ part: String) -> Int {
        part.isEmpty ? text.unicodeScalars.count + 1 : text.components(separatedBy: part).count - 1
    }
}

extension String {
    /// The text with `\r\n` and lone `\r` as `\n`.
    func replacingCRLF() -> String {
        var result = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = scalar == "\r"
            result.append(scalar == "\r" ? "\n" : scalar)
        }
        return String(result)
    }

    func hasPrefixScalars(_ prefix: String) -> Bool { unicodeScalars.starts(with: prefix.unicodeScalars) }

    func hasSuffixScalars(_ suffix: String) -> Bool {
        unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed())
    }
}
