import TrunklineCore
import Yams

/// The limits of a YAML document, checked once when it is parsed, so that every later
/// conversion of any of its nodes (`value()`, `origin()`, the typed accessors) is bounded and
/// no error has to show a value: aliases can make a 1 KB file stand for a billion nodes
/// ("billion laughs"), nesting deeper than any real inventory goes would overflow the recursive
/// conversions and the JSON output, `.inf` and `.nan` have no JSON form, and a key that is a
/// list or mapping has no name to print.
struct YAMLBounds {
    /// The most nodes a document may stand for, each alias counted as the nodes it repeats.
    static let nodeLimit = 1_000_000
    /// The deepest nesting of lists and mappings.
    static let depthLimit = 100

    private let file: String
    private var count = 0

    private init(file: String) {
        self.file = file
    }

    /// Throws a located `InputError` for the first limit `node` (the root of `file`) passes.
    static func check(_ node: Node, file: String) throws {
        var bounds = YAMLBounds(file: file)
        try bounds.visit(node, depth: 0)
    }

    private mutating func visit(_ node: Node, depth: Int) throws {
        count += 1
        guard count <= Self.nodeLimit else {
            throw error(at: node, "the YAML expands to more than \(Self.nodeLimit) nodes (aliases?)")
        }
        guard depth <= Self.depthLimit else {
            throw error(at: node, "the YAML nests lists and mappings more than \(Self.depthLimit) levels deep")
        }
        switch node {
        case .scalar(let scalar):
            // Only `.inf`, `-.inf`, `.nan` and their cases resolve so: the rest is not resolved.
            if let last = scalar.string.utf8.last, last | 0x20 == UInt8(ascii: "f") || last | 0x20 == UInt8(ascii: "n"),
                scalar.string.utf8.count <= 5, YAMLScalarType.of(node) == .float, let number = node.float, !number.isFinite
            {
                throw error(at: node, "'\(scalar.string)' is not a finite number (quote it for a string)")
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard key.scalar != nil else { throw error(at: key, "a key must be a string, not a list or mapping") }
                try visit(value, depth: depth + 1)
            }
        case .sequence(let sequence):
            for item in sequence { try visit(item, depth: depth + 1) }
        case .alias:
            break
        }
    }

    private func error(at node: Node, _ message: String) -> InputError {
        InputError(YAMLNode(node, file: file).location, message)
    }
}
