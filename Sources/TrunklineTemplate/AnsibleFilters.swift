import Foundation

/// Ansible's filters as Ansible defines them: `bool`, `ternary`, `combine`, `dict2items`,
/// `items2dict`, `to_json`, `to_nice_json`, `to_yaml`, `to_nice_yaml`, `regex_replace`,
/// `regex_search`, `flatten`, `split`, `basename`, `dirname`.
enum AnsibleFilters {
    static func apply(
        _ name: String, _ value: TemplateValue, _ call: CallArguments, renderer: Renderer, at position: Position
    ) throws -> TemplateValue? {
        switch name {
        case "bool":
            switch value {
            case .bool: return value
            case .none: return .bool(false)
            case .string(let text): return .bool(["yes", "on", "1", "true"].contains(text.lowercased()))
            default: return .bool(value == .int(1))
            }
        case "ternary":
            if value == .none, let none = call.value(2, "none_val"), none != .none { return none }
            return try renderer.truth(value, at: position)
                ? call.value(0, "true_val") ?? TemplateValue.none : call.value(1, "false_val") ?? TemplateValue.none
        case "combine": return try combine(value, call)
        case "dict2items":
            guard case .dict(let dict) = value else {
                throw TemplateError(.failed, "dict2items requires a dictionary, got \(value.typeName) instead.")
            }
            let keyName = Filters.string(call.value(0, "key_name") ?? .string("key")),
                valueName = Filters.string(call.value(1, "value_name") ?? .string("value"))
            return .list(
                dict.pairs.map { .dict(TemplateDict([(.string(keyName), $0.0), (.string(valueName), $0.1)])) })
        case "items2dict":
            let keyName = call.value(0, "key_name") ?? .string("key"),
                valueName = call.value(1, "value_name") ?? .string("value")
            var dict = TemplateDict()
            for item in try renderer.iterate(value, at: position) {
                guard case .dict(let entry) = item, let key = entry[keyName], let value = entry[valueName] else {
                    throw TemplateError(
                        .failed,
                        "items2dict requires a list of dictionaries with the keys \(PythonText.str(keyName)) and \(PythonText.str(valueName))"
                    )
                }
                dict[key] = value
            }
            return .dict(dict)
        case "to_json":
            return .string(
                try JSONText.write(
                    value,
                    style: .python(indent: call.value(0, "indent")?.integer, sortKeys: call.flag(-1, "sort_keys"))))
        case "to_nice_json":
            return .string(
                try JSONText.write(
                    value,
                    style: .nice(
                        indent: call.value(0, "indent")?.integer ?? 4, sortKeys: call.flag(-1, "sort_keys", true))))
        case "to_yaml":
            return .string(try YAMLText.write(value, block: false, indent: call.value(-1, "indent")?.integer ?? 2))
        case "to_nice_yaml":
            return .string(try YAMLText.write(value, block: true, indent: call.value(0, "indent")?.integer ?? 4))
        case "regex_replace":
            let text = PythonText.str(value)
            let regex = try PythonRegex(
                Filters.string(call.value(0, "pattern")), ignoreCase: call.flag(2, "ignorecase"),
                multiline: call.flag(3, "multiline"), at: position, renderer: renderer)
            let result = regex.replace(
                in: text, with: Filters.string(call.value(1, "replacement")),
                count: call.value(4, "count")?.integer ?? 0)
            try renderer.budget.check(length: result.utf8.count)
            return .string(result)
        case "regex_search": return try search(value, call, renderer: renderer, at: position)
        case "flatten":
            return .list(
                flatten(
                    try renderer.iterate(value, at: position), levels: call.value(0, "levels")?.integer,
                    skipNulls: call.flag(1, "skip_nulls", true)))
        case "split":
            let text = PythonText.str(value)
            guard let separator = call.value(0, "sep"), separator != .none else {
                return .list(PythonString.splitWhitespace(text, limit: -1).map(TemplateValue.string))
            }
            return .list(
                try PythonString.split(
                    text, by: PythonText.str(separator), limit: call.value(1, "maxsplit")?.integer ?? -1,
                    fromRight: false
                ).map(TemplateValue.string))
        case "basename":
            return .string(
                PythonText.str(value).split(separator: "/", omittingEmptySubsequences: false).last.map(String.init)
                    ?? "")
        case "dirname":
            let text = PythonText.str(value)
            guard let slash = text.lastIndex(of: "/") else { return .string("") }
            let head = String(text[...slash])
            return .string(head.allSatisfy { $0 == "/" } ? head : String(head.reversed().drop { $0 == "/" }.reversed()))
        default:
            return nil
        }
    }

    /// Ansible's `combine`: later mappings win; `recursive=true` merges nested mappings.
    private static func combine(_ value: TemplateValue, _ call: CallArguments) throws -> TemplateValue {
        var dicts: [TemplateDict] = []
        for item in [value] + call.positional {
            switch item {
            case .dict(let dict): dicts.append(dict)
            case .list(let items), .tuple(let items):
                for inner in items {
                    guard case .dict(let dict) = inner else {
                        throw TemplateError(.failed, "combine expects dictionaries, got \(inner.typeName)")
                    }
                    dicts.append(dict)
                }
            default: throw TemplateError(.failed, "combine expects dictionaries, got \(item.typeName)")
            }
        }
        let recursive = call.named.first { $0.0 == "recursive" }.map { $0.1 == .bool(true) } ?? false
        var result = TemplateDict()
        for dict in dicts { result = merge(result, dict, recursive: recursive) }
        return .dict(result)
    }

    private static func merge(_ base: TemplateDict, _ other: TemplateDict, recursive: Bool) -> TemplateDict {
        var result = base
        for (key, value) in other.pairs {
            if recursive, case .dict(let old)? = result[key], case .dict(let new) = value {
                result[key] = .dict(merge(old, new, recursive: true))
            } else {
                result[key] = value
            }
        }
        return result
    }

    private static func search(
        _ value: TemplateValue, _ call: CallArguments, renderer: Renderer, at position: Position
    ) throws -> TemplateValue {
        let text = PythonText.str(value)
        let regex = try PythonRegex(
            Filters.string(call.value(0, "regex")),
            ignoreCase: call.named.contains { $0.0 == "ignorecase" && $0.1 == .bool(true) },
            multiline: call.named.contains { $0.0 == "multiline" && $0.1 == .bool(true) }, at: position,
            renderer: renderer)
        guard let match = regex.firstMatch(in: text, anchored: false) else { return .none }
        let groups = call.positional.dropFirst()
        guard !groups.isEmpty else { return .string(regex.group(match, 0, in: text) ?? "") }
        return .list(
            try groups.map { group in
                let spec = PythonText.str(group)
                if spec.hasPrefix("\\g<"), spec.hasSuffix(">") {
                    let name = String(spec.dropFirst(3).dropLast())
                    if let index = Int(name) {
                        return regex.group(match, index, in: text).map(TemplateValue.string) ?? TemplateValue.none
                    }
                    return Range(match.range(withName: name), in: text).map { .string(String(text[$0])) }
                        ?? TemplateValue.none
                }
                guard spec.hasPrefix("\\"), let index = Int(spec.dropFirst()) else {
                    throw TemplateError(.failed, "Unknown argument")
                }
                return regex.group(match, index, in: text).map(TemplateValue.string) ?? TemplateValue.none
            })
    }

    private static func flatten(_ items: [TemplateValue], levels: Int?, skipNulls: Bool) -> [TemplateValue] {
        var result: [TemplateValue] = []
        for item in items {
            if skipNulls && (item == .none || item == .string("None") || item == .string("null")) { continue }
            if let inner = item.sequenceItems {
                if let levels {
                    if levels >= 1 {
                        result += flatten(inner, levels: levels - 1, skipNulls: skipNulls)
                    } else {
                        result.append(item)
                    }
                } else {
                    result += flatten(inner, levels: nil, skipNulls: skipNulls)
                }
            } else {
                result.append(item)
            }
        }
        return result
    }
}
