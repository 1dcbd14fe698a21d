import TrunklineCore

extension TemplateValue {
    /// A variable's value as a template sees it; a mapping's keys in sorted order. A large
    /// list is converted once however often it is read (`ConvertedLists`).
    init(_ value: Value) {
        switch value {
        case .string(let text): self = .string(text)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .none
        case .list(let items): self = ConvertedLists.shared.list(items) { .list($0.map(TemplateValue.init)) }
        case .map(let entries):
            self = .dict(
                TemplateDict(entries.sorted { $0.key < $1.key }.map { (.string($0.key), TemplateValue($0.value)) }))
        }
    }

    /// The value as a variable holds it (a mapping's keys as text).
    func value(at position: Position) throws -> Value {
        switch self {
        case .none: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .string(let text): return .string(text)
        case .list(let items), .tuple(let items): return .list(try items.map { try $0.value(at: position) })
        case .dict(let dict):
            var entries: [String: Value] = [:]
            for (key, value) in dict.pairs { entries[PythonText.str(key)] = try value.value(at: position) }
            return .map(entries)
        case .undefined(let message, let name):
            throw TemplateError(.undefined(name: name), message, line: position.line, column: position.column)
        case .function(let function): return .string("<function \(function.name)>")
        }
    }
}
