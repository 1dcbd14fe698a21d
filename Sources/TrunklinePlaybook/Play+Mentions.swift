import TrunklineCore

extension Play {
    /// Whether `name` appears in any text the play renders: its steps' and handlers' arguments
    /// (templates from files are inlined there), conditions and loops, its variables and its
    /// roles' defaults, or the `extra` variables. A magic variable that is costly to build
    /// (`hostvars`, every inventory host's variables) is built only for a play that may read it;
    /// a template included at render time that reads it finds it undefined, and says so.
    public func mentions(_ name: String, extra: [String: Value] = [:]) -> Bool {
        let definitions = steps + handlers
        return definitions.contains { definition in
            definition.arguments.values.contains { $0.mentions(name) }
                || [definition.argumentsTemplate, definition.when].contains { $0?.contains(name) == true }
                || definition.loop?.items.mentions(name) == true
        } || [variables, defaults, extra].contains { $0.values.contains { $0.mentions(name) } }
    }
}

extension Value {
    /// Whether any string in the value contains `name`.
    fileprivate func mentions(_ name: String) -> Bool {
        switch self {
        case .string(let text): return text.contains(name)
        case .list(let items): return items.contains { $0.mentions(name) }
        case .map(let entries): return entries.values.contains { $0.mentions(name) }
        case .int, .double, .bool, .null: return false
        }
    }
}
