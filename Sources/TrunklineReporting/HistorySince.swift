import Foundation

/// Where `trunkline history --since` starts: a time back from now (`36h`, `7d`, `2w`) or an
/// ISO 8601 date or time (`2026-11-20`, taken as midnight UTC, or `2026-11-20T02:00:00Z`).
public struct HistorySince: Sendable, Equatable {
    /// The earliest start of a run shown.
    public var date: Date

    private static let units: [Character: TimeInterval] = ["h": 3_600, "d": 86_400, "w": 604_800]

    /// Reads `text`; a duration counts back from `now`.
    public init(parsing text: String, now: Date = Date()) throws(HistorySinceError) {
        if let date = Self.duration(text).map({ now - $0 }) ?? Self.isoDate(text) {
            self.date = date
        } else {
            throw HistorySinceError(text: text)
        }
    }

    /// `N` followed by h, d or w, in seconds.
    private static func duration(_ text: String) -> TimeInterval? {
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()), count >= 0 else {
            return nil
        }
        return TimeInterval(count) * unit
    }

    private static func isoDate(_ text: String) -> Date? {
        let time = ISO8601DateFormatter(), day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return time.date(from: text) ?? day.date(from: text)
    }
}
