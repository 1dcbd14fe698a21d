import TrunklineEngine

/// The log an apply script keeps on the host (`RUN/log`), one entry per line, written by the
/// script and read by the controller: both sides take the words from here. In order:
/// `start N`, then `ok N` or `failed N STATUS` (and `restored N` when the failed step's files
/// were put back) per step; or `locked WAIT` / `no-space DIR NEED FREE` before any step; then
/// `finished`. A commit-confirmed run goes on with `awaiting-confirmation TIMEOUT` (before
/// `finished`), then `confirmed`, or `rolling back: REASON` and `rolled back: REASON`, then `done`.
struct ApplyLog {
    /// The first word of each kind of entry.
    enum Marker: String, CaseIterable {
        case start, ok, failed, restored, finished, locked, done, confirmed
        case noSpace = "no-space"
        case awaitingConfirmation = "awaiting-confirmation"
        case rollingBack = "rolling back:"
        case rolledBack = "rolled back:"

        /// The shell line that appends this entry, with `arguments` (shell words, expanded by
        /// the script: `$1`, `$status`) after the marker.
        func append(_ arguments: String...) -> String {
            "echo \"\(([rawValue] + arguments).joined(separator: " "))\" >> \"$log\""
        }
    }

    /// The entries, one per line.
    let lines: [Substring]

    /// The log as the host wrote it.
    init(_ text: String) { lines = text.split(separator: "\n") }

    private func first(_ marker: Marker) -> Substring? {
        lines.first { $0 == marker.rawValue || $0.hasPrefix(marker.rawValue + " ") }
    }

    private func argument(of line: Substring, _ marker: Marker) -> String {
        String(line.dropFirst(marker.rawValue.count).drop { $0 == " " })
    }

    /// The script wrote `finished`: its steps are over (a confirmation may still be awaited).
    var finished: Bool { first(.finished) != nil }

    /// The steps are done and the host waits for the confirmation of its network change.
    var awaitsConfirmation: Bool { first(.awaitingConfirmation) != nil && !decided }

    /// The host kept the change (`confirmed`) or restored its rollback point (`rolled back`).
    var decided: Bool { first(.confirmed) != nil || first(.rolledBack) != nil }

    /// Why the host rolled back, if it did.
    var rollbackReason: String? { first(.rolledBack).map { argument(of: $0, .rolledBack) } }

    /// Why the script ended before its first step with nothing changed (`tl_refuse`), if it did.
    var refusal: String? {
        if let line = first(.locked) {
            return
                "another Trunkline run holds the host's lock (\(ApplyScript.lockPath)); waited \(argument(of: line, .locked)) s; nothing was changed"
        }
        if let line = first(.noSpace) {
            let words = argument(of: line, .noSpace).split(separator: " ")
            guard words.count == 3 else { return nil }
            return
                "No space left on device: \(words[0]) has \(words[2]) KB free, the run needs \(words[1]) KB; nothing was changed"
        }
        return nil
    }

    /// The failed step whose file changes the script put back, if any.
    var restoredStep: Int? { first(.restored).flatMap { Int(argument(of: $0, .restored)) } }

    /// Whether step `index` reported ok.
    func succeeded(_ index: Int) -> Bool { entry(.ok, of: index) != nil }

    /// The line `marker INDEX …` of step `index`, if the log has one.
    private func entry(_ marker: Marker, of index: Int) -> Substring? {
        let prefix = "\(marker.rawValue) \(index)"
        return lines.first { $0 == prefix || $0.hasPrefix(prefix + " ") }
    }

    /// How long step `index` ran, from its `start` to its `ok` or `failed` (each line ends with
    /// the host's uptime, to the hundredth of a second); nil if the log does not say, or says
    /// something that is no finite time (`inf`, `1e999`).
    func seconds(_ index: Int) -> Double? {
        let time = { (line: Substring?) in
            line?.split(separator: " ").last.flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
        }
        guard let start = time(entry(.start, of: index)),
            let end = time(entry(.ok, of: index) ?? entry(.failed, of: index)), end >= start
        else { return nil }
        return ((end - start) * 100).rounded() / 100
    }

    /// Whether step `index` failed.
    func failed(_ index: Int) -> Bool { lines.contains { $0.hasPrefix("\(Marker.failed.rawValue) \(index) ") } }

    /// The shell command that lists the failed steps' numbers, one per line, from the log in the
    /// run directory `directory` (a shell word such as `"$dir"`).
    static func failedStepNumbers(in directory: String) -> String {
        #"sed -n 's/^\#(Marker.failed.rawValue) \([0-9]*\) .*/\1/p' \#(directory)/log"#
    }

    /// A shell test that the log in the run directory `directory` (a shell word such as
    /// `"$dir"`) holds `marker` at a line's start.
    static func holds(_ marker: Marker, in directory: String) -> String {
        "grep -q '^\(marker.rawValue)' \(directory)/log 2>/dev/null"
    }
}
