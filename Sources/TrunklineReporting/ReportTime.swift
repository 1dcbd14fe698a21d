import Foundation

/// Times as reports print them: `2026-11-22 02:00:00 UTC`.
enum ReportTime {
    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }

    /// "since run R (time)", or "new in this run".
    static func since(_ entry: DriftEntry) -> String {
        entry.isNew ? "new in this run" : "since \(text(entry.since.startedAt)) (run \(entry.since.id))"
    }
}
