/// `subject.name`, `subject[key]` and `subject[a:b:c]` as Jinja reads them: a mapping's methods
/// first for an attribute (`items`, `get`), then its item; a list's and a string's items by
/// index (negative from the end); anything missing is undefined.
enum Access {
    static func attribute(
        _ name: String, of subject: TemplateValue, path: String?, renderer: Renderer
    ) throws -> TemplateValue {
        if let method = Methods.method(name, of: subject, renderer: renderer) { return .function(method) }
        if case .dict(let dict) = subject, let value = dict[name] { return value }
        return missing(.string(name), of: subject, path: path)
    }

    static func item(
        _ key: TemplateValue, of subject: TemplateValue, path: String?, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        switch (subject, key) {
        case (.dict(let dict), _):
            if let value = dict[key] { return value }
        case (.list(let items), _), (.tuple(let items), _):
            if let index = key.integer, let offset = offset(index, count: items.count) { return items[offset] }
        case (.string(let text), _):
            let scalars = Array(text.unicodeScalars)
            if let index = key.integer, let offset = offset(index, count: scalars.count) {
                return .string(String(scalars[offset]))
            }
        default:
            break
        }
        if case .string(let name) = key, let method = Methods.method(name, of: subject, renderer: renderer) {
            return .function(method)
        }
        return missing(key, of: subject, path: path)
    }

    private static func offset(_ index: Int, count: Int) -> Int? {
        let offset = index < 0 ? count + index : index
        return offset >= 0 && offset < count ? offset : nil
    }

    private static func missing(_ key: TemplateValue, of subject: TemplateValue, path: String?) -> TemplateValue {
        let name = path.map { $0 + "." + PythonText.str(key) } ?? PythonText.str(key)
        if subject.sequenceItems != nil, key.integer != nil {
            return .undefined("\(subject.typeName) object has no element \(PythonText.str(key))", name: name)
        }
        return .undefined("'\(subject.typeName) object' has no attribute '\(PythonText.str(key))'", name: name)
    }

    static func slice(
        _ subject: TemplateValue, _ start: TemplateValue?, _ stop: TemplateValue?, _ step: TemplateValue?,
        at position: Position,
        renderer: Renderer
    ) throws -> TemplateValue {
        func bound(_ value: TemplateValue?) throws -> Int? {
            guard let value, value != .none else { return nil }
            guard let number = value.integer else {
                throw renderer.fail(.type, "slice indices must be integers or None", at: position)
            }
            return number
        }
        let stride = try bound(step) ?? 1
        guard stride != 0 else { throw renderer.fail(.type, "slice step cannot be zero", at: position) }
        switch subject {
        case .list(let items):
            return .list(indices(count: items.count, try bound(start), try bound(stop), stride).map { items[$0] })
        case .tuple(let items):
            return .tuple(indices(count: items.count, try bound(start), try bound(stop), stride).map { items[$0] })
        case .string(let text):
            let scalars = Array(text.unicodeScalars)
            return .string(
                String(
                    String.UnicodeScalarView(
                        indices(count: scalars.count, try bound(start), try bound(stop), stride).map { scalars[$0] })))
        default:
            throw renderer.fail(.type, "'\(subject.typeName)' object is not subscriptable", at: position)
        }
    }

    /// The indices Python's `items[start:stop:step]` takes.
    static func indices(count: Int, _ start: Int?, _ stop: Int?, _ step: Int) -> [Int] {
        func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { Swift.min(Swift.max(value, low), high) }
        if step > 0 {
            let first = clamp(start.map { $0 < 0 ? $0 + count : $0 } ?? 0, 0, count)
            let last = clamp(stop.map { $0 < 0 ? $0 + count : $0 } ?? count, 0, count)
            return first < last ? Array(Swift.stride(from: first, to: last, by: step)) : []
        }
        let first = clamp(start.map { $0 < 0 ? $0 + count : $0 } ?? count - 1, -1, count - 1)
        let last = clamp(stop.map { $0 < 0 ? $0 + count : $0 } ?? -1, -1, count - 1)
        return first > last ? Array(Swift.stride(from: first, to: last, by: step)) : []
    }
}
