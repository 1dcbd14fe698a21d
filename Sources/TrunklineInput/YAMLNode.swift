import TrunklineCore
import Yams

/// A YAML node with the place it came from, and typed accessors whose errors name that place.
public struct YAMLNode {
    /// The node as Yams composed it (Yams stays inside this target).
    let node: Node
    /// Where the node starts.
    public let location: SourceLocation

    /// Whether the node is a mapping.
    public var isMapping: Bool { node.mapping != nil }
    /// Whether the node is a list.
    public var isSequence: Bool { node.sequence != nil }
    /// Whether the node is a scalar (a string, number, boolean or null as written).
    public var isScalar: Bool { node.scalar != nil }

    init(_ node: Node, file: String) {
        self.node = node
        location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// Parses `text` (the contents of `file`); nil for an empty document. Every node comes
    /// from here, so the document is checked against `YAMLBounds` before any is converted.
    public static func parse(_ text: String, file: String) throws -> YAMLNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, YAMLScalarType.resolver)
        } catch let error as YamlError {
            throw Self.inputError(error, file: file)
        }
        guard let root else { return nil }
        try YAMLBounds.check(root, file: file)
        return YAMLNode(root, file: file)
    }

    /// Reads (see `InputFile`) and parses the file at `path`.
    public static func load(_ path: String) throws -> YAMLNode? {
        try parse(try InputFile.read(path), file: path)
    }

    /// True for `~`, `null` and empty values.
    public var isNull: Bool {
        node.null != nil || (node.scalar?.string.isEmpty == true && node.scalar?.style == .plain)
    }

    /// The entries of a mapping, in written order; `field` names the value in errors. Keys
    /// are scalars (`YAMLBounds` refuses others).
    public func mapping(_ field: String) throws -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let mapping = node.mapping else { throw mismatch(field, expected: "a mapping") }
        return mapping.map { key, value in
            (key.scalar?.string ?? "", YAMLNode(key, file: location.file), YAMLNode(value, file: location.file))
        }
    }

    /// The items of a sequence.
    public func sequence(_ field: String) throws -> [YAMLNode] {
        guard let sequence = node.sequence else { throw mismatch(field, expected: "a list") }
        return sequence.map { YAMLNode($0, file: location.file) }
    }

    /// A scalar as text (strings, numbers and booleans as written).
    public func string(_ field: String) throws -> String {
        guard let scalar = node.scalar else { throw mismatch(field, expected: "a string") }
        return scalar.string
    }

    /// Where the node and each of its entries or items are written, for errors about parts
    /// of its value.
    public func origin() -> ValueOrigin {
        switch node {
        case .mapping(let mapping):
            var children: [String: ValueOrigin] = [:]
            for (key, value) in mapping {
                children[key.scalar?.string ?? ""] = YAMLNode(value, file: location.file).origin()
            }
            return ValueOrigin(location, children: children)
        case .sequence(let sequence):
            var children: [String: ValueOrigin] = [:]
            for (index, item) in sequence.enumerated() {
                children["[\(index)]"] = YAMLNode(item, file: location.file).origin()
            }
            return ValueOrigin(location, children: children)
        case .scalar, .alias:
            return ValueOrigin(location)
        }
    }

    /// The node as a plain value (YAML 1.1 core types resolved: ints, floats, booleans, null).
    public func value() -> Value {
        switch node {
        case .scalar(let scalar):
            if node.null != nil { return .null }
            switch YAMLScalarType.of(node) {
            case .bool:
                if let flag = node.bool { return .bool(flag) }
            case .int:
                if let number = node.int {
                    return Self.writtenOtherThanDecimal(scalar.string) ? .string(scalar.string) : .int(number)
                }
            case .float:
                if let number = node.float { return .double(number) }
            case .text:
                break
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            var entries: [String: Value] = [:]
            for (key, value) in mapping {
                entries[key.scalar?.string ?? ""] = YAMLNode(value, file: location.file).value()
            }
            return .map(entries)
        case .sequence(let sequence):
            return .list(sequence.map { YAMLNode($0, file: location.file).value() })
        case .alias:
            return .null
        }
    }

    /// True for an integer YAML reads from another notation than plain decimal: `0644` and
    /// `0o644` (both 420), `0x1a4`, `1_000`, `1:20`. Whoever writes `mode: 0644` means the
    /// digits, so such a value keeps them as written text, and a reader that wants a plain
    /// number refuses it with its place instead of taking 420.
    static func writtenOtherThanDecimal(_ text: String) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        return
            !(digits == "0"
            || (digits.first.map { ("1"..."9").contains($0) } == true && digits.allSatisfy(\.isASCIIDigit)))
    }

    /// "FIELD must be EXPECTED, not …" at this node (the type named without converting a
    /// whole list or mapping).
    public func mismatch(_ field: String, expected: String) -> InputError {
        let found = node.mapping != nil ? "a mapping" : node.sequence != nil ? "a list" : value().typeName
        return InputError(location, "\(field) must be \(expected), not \(found)")
    }

    private static func inputError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return InputError(
                SourceLocation(file: file, line: mark.line, column: mark.column), "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputError(
                SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "duplicate key \(duplicates.joined(separator: ", ")) in a mapping")
        default:
            return InputError(SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(error)")
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension YAMLNode {
    /// Whether any scalar in this node has the local tag `tag` (`!vault`).
    public func containsTag(_ tag: String) -> Bool {
        switch node {
        case .scalar(let scalar): return scalar.tag.rawValue == tag
        case .mapping(let mapping): return mapping.contains { YAMLNode($0.value, file: location.file).containsTag(tag) }
        case .sequence(let sequence): return sequence.contains { YAMLNode($0, file: location.file).containsTag(tag) }
        case .alias: return false
        }
    }

    /// This node with every scalar tagged `tag` replaced by the string `transform` makes of its
    /// text (at its place), tagged as a plain string.
    public func replacingScalars(
        tagged tag: String, _ transform: (String, SourceLocation) throws -> String
    ) throws -> YAMLNode {
        YAMLNode(try Self.replacing(node, tag: tag, file: location.file, transform), file: location.file)
    }

    private static func replacing(
        _ node: Node, tag: String, file: String, _ transform: (String, SourceLocation) throws -> String
    ) throws -> Node {
        switch node {
        case .scalar(let scalar):
            guard scalar.tag.rawValue == tag else { return node }
            let text = try transform(scalar.string, YAMLNode(node, file: file).location)
            return .scalar(Node.Scalar(text, Tag(.str), .literal, scalar.mark))
        case .mapping(let mapping):
            let pairs = try mapping.map { ($0.key, try replacing($0.value, tag: tag, file: file, transform)) }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            return .sequence(
                Node.Sequence(
                    try sequence.map { try replacing($0, tag: tag, file: file, transform) }, sequence.tag,
                    sequence.style, sequence.mark))
        case .alias:
            return node
        }
    }
}
