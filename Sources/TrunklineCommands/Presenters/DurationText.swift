/// Durations as people read them in reports.
enum DurationText {
    /// `12 ms` below a second, `1.23 s` from a second on.
    static func short(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        if milliseconds < 1000 { return "\(Int(milliseconds.rounded())) ms" }
        let seconds = (milliseconds / 10).rounded() / 100
        return "\(seconds) s"
    }
}
