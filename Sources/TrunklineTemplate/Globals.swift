import Foundation

/// The functions a template can call by name: `range`, `dict`, `namespace`, and Ansible's
/// `lookup` with its `env` plugin (the controller's environment, as Ansible reads it) and its
/// `file` plugin (a file on the controller, found where the template loader looks).
enum Globals {
    /// The key that marks a mapping `namespace()` made (a name no template can write).
    static let namespaceMarker = TemplateValue.function(TemplateFunction("namespace") { _, _ in .none })

    static func function(_ name: String, renderer: Renderer) -> TemplateValue? {
        switch name {
        case "range":
            return .function(
                TemplateFunction(name) { [unowned renderer] args, _ in
                    let numbers = try args.map { value -> Int in
                        guard let number = value.integer else {
                            throw TemplateError(.type, "'\(value.typeName)' object cannot be interpreted as an integer")
                        }
                        return number
                    }
                    guard (1...3).contains(numbers.count) else {
                        throw TemplateError(.type, "range expected 1 to 3 arguments, got \(numbers.count)")
                    }
                    let start = numbers.count > 1 ? numbers[0] : 0, stop = numbers.count > 1 ? numbers[1] : numbers[0]
                    let step = numbers.count > 2 ? numbers[2] : 1
                    guard step != 0 else { throw TemplateError(.type, "range() arg 3 must not be zero") }
                    let (span, overflow) = stop.subtractingReportingOverflow(start)
                    try renderer.budget.check(count: overflow ? .max : max(0, span / step))
                    return .list(Swift.stride(from: start, to: stop, by: step).map(TemplateValue.int))
                })
        case "namespace":
            return .function(
                TemplateFunction(name) { args, named in
                    var namespace = TemplateDict()
                    if case .dict(let given)? = args.first { namespace = given }
                    for (key, value) in named { namespace[key] = value }
                    namespace[namespaceMarker] = .bool(true)
                    return .dict(namespace)
                })
        case "dict":
            return .function(
                TemplateFunction(name) { args, named in
                    var dict = TemplateDict()
                    if case .dict(let given)? = args.first { dict = given }
                    for (key, value) in named { dict[key] = value }
                    return .dict(dict)
                })
        case "lookup":
            return .function(
                TemplateFunction(name) { [loader = renderer.loader] args, named in try lookup(args, named, loader) })
        default:
            return nil
        }
    }

    /// `lookup(PLUGIN, TERM, …)`: each term's value, joined with `,` as Ansible's `lookup` joins
    /// them: `env`'s the controller's variable (or `default=`, else empty); `file`'s the file's
    /// text, its trailing whitespace stripped (`rstrip=false` keeps it, `lstrip=true` strips the
    /// leading too), an error if there is no such file.
    static func lookup(
        _ args: [TemplateValue], _ named: [(String, TemplateValue)], _ loader: TemplateLoader
    ) throws -> TemplateValue {
        guard case .string(let plugin)? = args.first else {
            throw TemplateError(.type, "lookup() needs a plugin name first, such as 'env'")
        }
        let terms = try args.dropFirst().map { term -> String in
            guard case .string(let text) = term else {
                throw TemplateError(.type, "lookup('\(plugin)', …) takes strings, not \(term.typeName)")
            }
            return text
        }
        let option = { (name: String) in named.first(where: { $0.0 == name })?.1 }
        switch plugin {
        case "env":
            let fallback = option("default").map { value in
                if case .string(let text) = value { return text }
                return PythonText.str(value)
            }
            let environment = ProcessInfo.processInfo.environment
            return .string(terms.map { environment[$0] ?? fallback ?? "" }.joined(separator: ","))
        case "file":
            let rstrip = option("rstrip").map(flag) ?? true, lstrip = option("lstrip").map(flag) ?? false
            return .string(
                try terms.map { term in
                    guard var text = try loader.file(term) else {
                        throw TemplateError(.failed, "could not locate file in lookup: \(term)")
                    }
                    if rstrip { text = String(text.reversed().drop(while: \.isWhitespace).reversed()) }
                    if lstrip { text = String(text.drop(while: \.isWhitespace)) }
                    return text
                }.joined(separator: ","))
        default:
            throw TemplateError(.failed, "lookup plugin '\(plugin)' is not supported (Trunkline has 'env' and 'file')")
        }
    }

    /// An option's truth as Ansible's `boolean()` reads it (`yes`, `on`, `true`, `1`).
    private static func flag(_ value: TemplateValue) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .int(let number): return number == 1
        case .string(let text): return ["yes", "on", "true", "1", "y", "t"].contains(text.lowercased())
        default: return false
        }
    }
}
