/// A mapping that keeps its keys in insertion order, as Python's `dict` does.
struct TemplateDict: Sendable, Hashable {
    private(set) var keys: [TemplateValue] = []
    private var storage: [TemplateValue: TemplateValue] = [:]

    init() {}

    init(_ pairs: [(TemplateValue, TemplateValue)]) {
        keys.reserveCapacity(pairs.count)
        storage.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    var count: Int { keys.count }

    var values: [TemplateValue] { keys.map { storage[$0]! } }

    var pairs: [(TemplateValue, TemplateValue)] { keys.map { ($0, storage[$0]!) } }

    subscript(key: TemplateValue) -> TemplateValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    subscript(name: String) -> TemplateValue? {
        get { storage[.string(name)] }
        set { self[.string(name)] = newValue }
    }

    static func == (left: TemplateDict, right: TemplateDict) -> Bool { left.storage == right.storage }

    func hash(into hasher: inout Hasher) { hasher.combine(keys.count) }
}
