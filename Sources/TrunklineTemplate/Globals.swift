import Foundation

/// The functions a template can call by name: `range`, `dict`, `namespace`, and Ansible's
/// `lookup` with its `env` plugin (the controller's environment, as Ansible reads it).
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
            return .function(TemplateFunction(name) { args, named in try lookup(args, named) })
        default:
            return nil
        }
    }

    /// `lookup('env', NAME, …)`: each variable's value in the controller's environment (or
    /// `default=`, else empty), joined with `,` as Ansible's `lookup` joins its terms.
    static func lookup(_ args: [TemplateValue], _ named: [(String, TemplateValue)]) throws -> TemplateValue {
        guard case .string(let plugin)? = args.first else {
            throw TemplateError(.type, "lookup() needs a plugin name first, such as 'env'")
        }
        guard plugin == "env" else {
            throw TemplateError(.failed, "lookup plugin '\(plugin)' is not supported (Trunkline has 'env')")
        }
        let fallback: String
        switch named.first(where: { $0.0 == "default" })?.1 {
        case .string(let text)?: fallback = text
        case nil: fallback = ""
        case let other?: fallback = PythonText.str(other)
        }
        let environment = ProcessInfo.processInfo.environment
        let values = try args.dropFirst().map { term -> String in
            guard case .string(let variable) = term else {
                throw TemplateError(.type, "lookup('env', …) takes variable names, not \(term.typeName)")
            }
            return environment[variable] ?? fallback
        }
        return .string(values.joined(separator: ","))
    }
}
