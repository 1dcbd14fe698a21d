import Foundation

/// JSON documents as Trunkline writes them (`result.json`, `--format json`): pretty-printed,
/// keys sorted, `/` not escaped.
public enum JSONDocument {
    /// `value` as such a document.
    public static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
