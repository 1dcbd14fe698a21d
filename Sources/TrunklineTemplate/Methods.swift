/// The Python methods templates call on strings (`split`, `startswith`, `replace`, `format`…),
/// mappings (`items`, `keys`, `values`, `get`) and lists (`index`, `count`).
enum Methods {
    static func method(_ name: String, of subject: TemplateValue, renderer: Renderer) -> TemplateFunction? {
        switch subject {
        case .string(let text): return stringMethod(name, text, renderer: renderer)
        case .dict(let dict): return dictMethod(name, dict)
        case .list(let items), .tuple(let items): return listMethod(name, items)
        default: return nil
        }
    }

    private static func text(_ value: TemplateValue?, _ method: String) throws -> String {
        guard case .string(let text)? = value else {
            throw TemplateError(.type, "\(method)() argument must be str, not \(value?.typeName ?? "nothing")")
        }
        return text
    }

    private static func stringMethod(_ name: String, _ text: String, renderer: Renderer) -> TemplateFunction? {
        let body: TemplateFunction.Body
        switch name {
        case "split", "rsplit":
            body = { args, named in
                let call = CallArguments(positional: args, named: named)
                let separator = call.value(0, "sep").flatMap { $0 == .none ? nil : $0 }
                let limit = call.value(1, "maxsplit")?.integer ?? -1
                let parts =
                    try separator.map {
                        try PythonString.split(
                            text, by: try Methods.text($0, name), limit: limit, fromRight: name == "rsplit")
                    }
                    ?? PythonString.splitWhitespace(text, limit: limit)
                return .list(parts.map(TemplateValue.string))
            }
        case "startswith", "endswith":
            body = { args, _ in
                let candidates: [TemplateValue]
                if case .tuple(let items)? = args.first {
                    candidates = items
                } else {
                    candidates = Array(args.prefix(1))
                }
                return .bool(
                    try candidates.contains {
                        name == "startswith"
                            ? text.hasPrefixScalars(try Methods.text($0, name))
                            : text.hasSuffixScalars(try Methods.text($0, name))
                    })
            }
        case "strip", "lstrip", "rstrip":
            body = { args, _ in
                let characters = try args.first.flatMap { $0 == .none ? nil : try Methods.text($0, name) }
                return .string(
                    PythonString.strip(text, characters, leading: name != "rstrip", trailing: name != "lstrip"))
            }
        case "replace":
            body = { args, _ in
                guard args.count >= 2 else { throw TemplateError(.type, "replace() takes at least 2 arguments") }
                return .string(
                    try PythonString.replace(
                        text, try Methods.text(args[0], name), with: try Methods.text(args[1], name),
                        count: args.count > 2 ? args[2].integer ?? -1 : -1, budget: renderer.budget))
            }
        case "lower": body = { _, _ in .string(text.lowercased()) }
        case "upper": body = { _, _ in .string(text.uppercased()) }
        case "capitalize": body = { _, _ in .string(PythonString.capitalize(text)) }
        case "title": body = { _, _ in .string(PythonString.title(text)) }
        case "format": body = { args, named in .string(try PythonFormat.braces(text, args, named)) }
        case "join":
            body = { args, _ in
                .string(try renderer.iterate(args.first ?? .none, at: nil).map(PythonText.str).joined(separator: text))
            }
        case "find": body = { args, _ in .int(PythonString.find(text, try Methods.text(args.first, name))) }
        case "count": body = { args, _ in .int(PythonString.count(text, try Methods.text(args.first, name))) }
        case "splitlines":
            body = { _, _ in
                .list(
                    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map {
                        .string(String($0))
                    }.dropLast(text.hasSuffix("\n") ? 1 : 0))
            }
        case "isdigit":
            body = { _, _ in
                .bool(!text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal })
            }
        case "isalpha":
            body = { _, _ in .bool(!text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }) }
        default: return nil
        }
        return TemplateFunction(name, body: body)
    }

    private static func dictMethod(_ name: String, _ dict: TemplateDict) -> TemplateFunction? {
        let body: TemplateFunction.Body
        switch name {
        case "items": body = { _, _ in .list(dict.pairs.map { .tuple([$0.0, $0.1]) }) }
        case "keys": body = { _, _ in .list(dict.keys) }
        case "values": body = { _, _ in .list(dict.values) }
        case "get":
            body = { args, _ in
                guard let key = args.first else {
                    throw TemplateError(.type, "get expected at least 1 argument, got 0")
                }
                return dict[key] ?? (args.count > 1 ? args[1] : .none)
            }
        default: return nil
        }
        return TemplateFunction(name, body: body)
    }

    private static func listMethod(_ name: String, _ items: [TemplateValue]) -> TemplateFunction? {
        switch name {
        case "index":
            return TemplateFunction(name) { args, _ in
                guard let value = args.first, let index = items.firstIndex(of: value) else {
                    throw TemplateError(.type, "the value is not in the list")
                }
                return .int(index)
            }
        case "count":
            return TemplateFunction(name) { args, _ in .int(items.filter { $0 == args.first }.count) }
        default:
            return nil
        }
    }
}
