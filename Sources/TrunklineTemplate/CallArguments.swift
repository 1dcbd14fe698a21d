/// The evaluated arguments of a filter, test or call.
struct CallArguments {
    var positional: [TemplateValue]
    var named: [(String, TemplateValue)]

    static let none = CallArguments(positional: [], named: [])

    /// The argument at `index`, or the one named `name`.
    func value(_ index: Int, _ name: String) -> TemplateValue? {
        if index >= 0 && index < positional.count { return positional[index] }
        return named.first { $0.0 == name }?.1
    }

    /// The argument as a boolean (Python truth of plain values), or `fallback`.
    func flag(_ index: Int, _ name: String, _ fallback: Bool = false) -> Bool {
        guard let value = value(index, name) else { return fallback }
        switch value {
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .none: return false
        default: return true
        }
    }
}
