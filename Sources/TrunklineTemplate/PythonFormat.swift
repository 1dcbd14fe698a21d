import Foundation

/// Python's string formatting: `"%s %d" % values` (the `format` filter) and `"{} {0} {name}".format(…)`.
enum PythonFormat {
    /// `format % values`.
    static func percent(_ format: String, _ values: TemplateValue) throws -> String {
        let items: [TemplateValue]
        if case .tuple(let tuple) = values { items = tuple } else { items = [values] }
        var next = 0
        var result = ""
        var scalars = Array(format.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "%" else { result.unicodeScalars.append(scalar); continue }
            var key: String?
            if scalars.first == "(", let close = scalars.firstIndex(of: ")") {
                key = PythonString.string(scalars[(scalars.startIndex + 1)..<close])
                scalars = scalars[(close + 1)...]
            }
            var spec = ""
            while let c = scalars.first, "-+ #0123456789.".unicodeScalars.contains(c) {
                spec.unicodeScalars.append(c); scalars = scalars.dropFirst()
            }
            guard let conversion = scalars.popFirst() else { throw TemplateError(.type, "incomplete format") }
            if conversion == "%" { result += "%"; continue }
            let value: TemplateValue
            if let key {
                guard case .dict(let dict) = values, let found = dict[key] else {
                    throw TemplateError(.type, "format requires a mapping")
                }
                value = found
            } else {
                guard next < items.count else { throw TemplateError(.type, "not enough arguments for format string") }
                value = items[next]
                next += 1
            }
            result += try convert(value, spec: spec, conversion: Character(conversion))
        }
        if !isMapping(values) && next < items.count {
            throw TemplateError(.type, "not all arguments converted during string formatting")
        }
        return result
    }

    private static func isMapping(_ value: TemplateValue) -> Bool {
        if case .dict = value { return true }
        return false
    }

    private static func convert(_ value: TemplateValue, spec: String, conversion: Character) throws -> String {
        let flags = spec.prefix { "-+ #0".contains($0) }
        let rest = spec.dropFirst(flags.count)
        let width = Int(rest.prefix { $0 != "." }) ?? 0
        let precision =
            rest.contains(".") ? Int(rest.split(separator: ".", omittingEmptySubsequences: false).last ?? "") ?? 0 : nil
        var body: String
        switch conversion {
        case "s": body = PythonText.str(value)
        case "r": body = PythonText.repr(value)
        case "d", "i":
            guard let number = value.number else {
                throw TemplateError(.type, "%d format: a real number is required, not \(value.typeName)")
            }
            body = String(value.integer ?? Int(number.rounded(.towardZero)))
            if flags.contains("+") && !body.hasPrefix("-") { body = "+" + body }
        case "f", "F", "e", "g":
            guard let number = value.number else {
                throw TemplateError(.type, "must be real number, not \(value.typeName)")
            }
            body = String(format: "%\(flags.contains("+") ? "+" : "").\(precision ?? 6)\(conversion)", number)
        case "x", "o", "X":
            guard let number = value.integer else {
                throw TemplateError(.type, "%\(conversion) format: an integer is required")
            }
            body = String(number, radix: conversion == "o" ? 8 : 16, uppercase: conversion == "X")
        default:
            throw TemplateError(.type, "unsupported format character '\(conversion)'")
        }
        if conversion == "s" || conversion == "r", let precision { body = String(body.prefix(precision)) }
        return pad(body, width: width, left: flags.contains("-"), zero: flags.contains("0") && conversion != "s")
    }

    private static func pad(_ text: String, width: Int, left: Bool, zero: Bool) -> String {
        let count = text.unicodeScalars.count
        guard count < width else { return text }
        let fill = String(repeating: zero ? "0" : " ", count: width - count)
        if left { return text + String(repeating: " ", count: width - count) }
        if zero && text.hasPrefix("-") { return "-" + fill + text.dropFirst() }
        return fill + text
    }

    /// `format.format(*positional, **named)`.
    static func braces(
        _ format: String, _ positional: [TemplateValue], _ named: [(String, TemplateValue)]
    ) throws -> String {
        var result = ""
        var automatic = 0
        var scalars = Array(format.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "}" {
                guard scalars.first == "}" else {
                    throw TemplateError(.type, "Single '}' encountered in format string")
                }
                scalars = scalars.dropFirst()
                result += "}"
                continue
            }
            guard scalar == "{" else { result.unicodeScalars.append(scalar); continue }
            if scalars.first == "{" { scalars = scalars.dropFirst(); result += "{"; continue }
            guard let close = scalars.firstIndex(of: "}") else {
                throw TemplateError(.type, "Single '{' encountered in format string")
            }
            let field = PythonString.string(scalars[..<close])
            scalars = scalars[(close + 1)...]
            let parts = field.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            var name = String(parts[0])
            var conversion: Character?
            if let bang = name.firstIndex(of: "!") {
                conversion = name[name.index(after: bang)...].first
                name = String(name[..<bang])
            }
            var value: TemplateValue
            if name.isEmpty {
                guard automatic < positional.count else {
                    throw TemplateError(.type, "Replacement index \(automatic) out of range for positional args tuple")
                }
                value = positional[automatic]
                automatic += 1
            } else if let index = Int(name) {
                guard index < positional.count else {
                    throw TemplateError(.type, "Replacement index \(index) out of range for positional args tuple")
                }
                value = positional[index]
            } else {
                guard let found = named.first(where: { $0.0 == name })?.1 else {
                    throw TemplateError(.type, "KeyError: '\(name)'")
                }
                value = found
            }
            if conversion == "r" {
                value = .string(PythonText.repr(value))
            } else if conversion == "s" {
                value = .string(PythonText.str(value))
            }
            result += try formatted(value, spec: parts.count > 1 ? String(parts[1]) : "")
        }
        return result
    }

    /// `format(value, spec)` for specs `[[fill]align][0][width][.precision][type]`.
    private static func formatted(_ value: TemplateValue, spec: String) throws -> String {
        guard !spec.isEmpty else { return PythonText.str(value) }
        var rest = Array(spec)[...]
        var fill: Character = " ", align: Character?
        if rest.count >= 2, "<>^".contains(rest[rest.startIndex + 1]) {
            fill = rest[rest.startIndex]
            align = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        } else if let first = rest.first, "<>^".contains(first) {
            align = first
            rest = rest.dropFirst()
        }
        if rest.first == "0" && align == nil { fill = "0"; align = "="; rest = rest.dropFirst() }
        let width = Int(String(rest.prefix { $0.isNumber })) ?? 0
        rest = rest.drop { $0.isNumber }
        var grouping: Character?
        if let first = rest.first, first == "," || first == "_" {
            grouping = first
            rest = rest.dropFirst()
        }
        var precision: Int?
        if rest.first == "." {
            rest = rest.dropFirst()
            precision = Int(String(rest.prefix { $0.isNumber }))
            rest = rest.drop { $0.isNumber }
        }
        let type = rest.first
        var body: String
        switch type {
        case "f", "F", "e":
            guard let number = value.number else {
                throw TemplateError(.type, "Unknown format code 'f' for object of type '\(value.typeName)'")
            }
            body = String(format: "%.\(precision ?? 6)\(type!)", number)
        case "d":
            guard let number = value.integer else {
                throw TemplateError(.type, "Unknown format code 'd' for object of type '\(value.typeName)'")
            }
            body = String(number)
        case "x": body = String(value.integer ?? 0, radix: 16)
        default:
            body = PythonText.str(value)
            if let precision, case .string = value {
                body = String(body.unicodeScalars.prefix(precision).map(Character.init))
            }
            if let precision, case .double(let number) = value { body = String(format: "%.\(precision)g", number) }
        }
        if let grouping { body = group(body, with: grouping) }
        let count = body.unicodeScalars.count
        guard count < width else { return body }
        let padding = width - count
        let isNumber = value.number != nil && value.isString == false
        switch align ?? (isNumber ? ">" : "<") {
        case ">": return String(repeating: fill, count: padding) + body
        case "^":
            return String(repeating: fill, count: padding / 2) + body
                + String(repeating: fill, count: padding - padding / 2)
        case "=":
            if body.hasPrefix("-") { return "-" + String(repeating: fill, count: padding) + body.dropFirst() }
            return String(repeating: fill, count: padding) + body
        default: return body + String(repeating: fill, count: padding)
        }
    }
}

extension PythonFormat {
    /// `1234567.5` as `1,234,567.5`: the integer digits in threes.
    static func group(_ number: String, with separator: Character) -> String {
        let sign = number.hasPrefix("-") ? "-" : ""
        let unsigned = number.dropFirst(sign.count)
        let digits = unsigned.prefix { $0.isNumber }
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(separator) }
            grouped.append(digit)
        }
        return sign + grouped + unsigned.dropFirst(digits.count)
    }
}
