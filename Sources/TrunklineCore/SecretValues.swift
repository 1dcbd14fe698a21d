import Foundation

/// Values known to be secret wherever they appear (those decrypted from ansible-vault), so that
/// what Trunkline shows masks them whatever variable or file holds them.
public enum SecretValues {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var values: Set<String> = []

    /// Records `value` as secret (values shorter than 4 characters are not, lest every `1` be
    /// masked).
    public static func add(_ value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 4 else { return }
        lock.lock()
        defer { lock.unlock() }
        values.insert(trimmed)
        for line in trimmed.split(separator: "\n") where line.count >= 4 { values.insert(String(line)) }
    }

    /// Whether `value` is a known secret.
    public static func contains(_ value: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return values.contains(value.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Records every string in `value` (and the text of every number) as secret.
    public static func add(every value: Value) {
        switch value {
        case .string(let text): add(text)
        case .list(let items): items.forEach { add(every: $0) }
        case .map(let entries): entries.values.forEach { add(every: $0) }
        case .int, .double, .bool, .null: break
        }
    }

    /// `value` with every secret string in it replaced by `mask`.
    public static func masking(_ value: Value, mask: String) -> Value {
        switch value {
        case .string(let text): return contains(text) ? .string(mask) : value
        case .list(let items): return .list(items.map { masking($0, mask: mask) })
        case .map(let entries): return .map(entries.mapValues { masking($0, mask: mask) })
        case .int, .double, .bool, .null: return value
        }
    }

    /// `text` with every known secret replaced by `mask`, longest first.
    public static func redact(_ text: String, mask: String) -> String {
        lock.lock()
        let known = values.sorted { $0.count > $1.count }
        lock.unlock()
        guard !known.isEmpty else { return text }
        return known.reduce(text) { $0.replacingOccurrences(of: $1, with: mask) }
    }
}
