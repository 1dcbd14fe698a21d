import TrunklineCore

extension Play {
    /// Whether `name` appears in any text the play renders: its steps' and handlers' arguments
    /// (templates from files are inlined there), conditions and loops, its variables and its
    /// roles' defaults, or the `extra` variables. A magic variable that is costly to build
    /// (`hostvars`, every inventory host's variables) is built only for a play that may read it.
    /// A play whose templates include, import or extend other templates, which are known only
    /// when they render, may read any name.
    public func mentions(_ name: String, extra: [String: Value] = [:]) -> Bool {
        let definitions = steps + handlers
        let texts: [Value] =
            definitions.flatMap { definition in
                Array(definition.arguments.values)
                    + [definition.argumentsTemplate, definition.when].compactMap {
                        $0.map(Value.string)
                    } + (definition.loop.map { [$0.items] } ?? [])
            } + [variables, defaults, extra].flatMap(\.values)
        return texts.contains { $0.mentions(name) || $0.readsOtherTemplates }
    }
}

extension Value {
    /// Whether a string in the value has an `include`, `import`, `from` or `extends` tag.
    fileprivate var readsOtherTemplates: Bool {
        switch self {
        case .string(let text):
            return ["include", "import", "extends"].contains { text.contains($0) } && text.contains("{%")
        case .list(let items): return items.contains { $0.readsOtherTemplates }
        case .map(let entries): return entries.values.contains { $0.readsOtherTemplates }
        case .int, .double, .bool, .null: return false
        }
    }

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
