import Foundation

/// Times as reports print them: `2026-11-22 02:00:00 UTC`.
enum ReportTime {
    static func text(_ date: Date) -> String { format(date, "yyyy-MM-dd HH:mm:ss 'UTC'") }

    /// The day: `2026-11-22`.
    static func day(_ date: Date) -> String { format(date, "yyyy-MM-dd") }

    /// JUnit's timestamp, ISO 8601 without a zone (UTC): `2026-11-22T02:00:00`.
    static func junit(_ date: Date) -> String { format(date, "yyyy-MM-dd'T'HH:mm:ss") }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
