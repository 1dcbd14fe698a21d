/// A `--since` value that is neither a duration nor an ISO 8601 date or time.
public struct HistorySinceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value as given.
    public var text: String

    public var description: String {
        "'\(text)' is not a time back from now (36h, 7d, 2w) or an ISO 8601 date (2026-11-20) or time (2026-11-20T02:00:00Z)"
    }
}
