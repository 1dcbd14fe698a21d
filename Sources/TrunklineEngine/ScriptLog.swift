/// The log an apply script keeps on the host, read for what a commit-confirmed run decided.
struct ScriptLog {
    let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n") }

    /// The steps are done and the host waits for the confirmation of its network change.
    var awaitsConfirmation: Bool { lines.contains { $0.hasPrefix("awaiting-confirmation ") } && !decided }

    /// The host kept the change (`confirmed`) or restored its rollback point (`rolled back`).
    var decided: Bool { lines.contains { $0 == "confirmed" || $0.hasPrefix("rolled back: ") } }

    /// Why the host rolled back, if it did.
    var rollbackReason: String? {
        lines.first { $0.hasPrefix("rolled back: ") }.map { String($0.dropFirst("rolled back: ".count)) }
    }
}
