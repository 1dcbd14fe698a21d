import Foundation

/// How long ago something started, as a nightly report says it: "3 nights", "1 night",
/// "5 hours", "2 minutes".
enum RelativeAge {
    /// The span from `start` to `now`: nights (rounded) from 20 hours on, hours or minutes below.
    static func span(from start: Date, to now: Date) -> String {
        let seconds = now.timeIntervalSince(start)
        guard seconds >= 3600 else { return plural(max(1, Int(seconds / 60)), "minute") }
        guard seconds >= 20 * 3600 else { return plural(Int(seconds / 3600), "hour") }
        return plural(Int((seconds / 86_400).rounded()), "night")
    }

    /// "since 3 nights, first seen RUN", or "new: first seen this run".
    static func since(_ start: RunReference, now: RunReference) -> String {
        start == now
            ? "new: first seen this run"
            : "since \(span(from: start.startedAt, to: now.startedAt)), first seen \(start.id)"
    }

    private static func plural(_ count: Int, _ unit: String) -> String {
        "\(count) \(unit)\(count == 1 ? "" : "s")"
    }
}
