import TrunklineEngine
/// The log an apply script keeps on the host, read for what a commit-confirmed run decided,
/// why a run refused to start, and which failed step's files were put back.
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

    /// Why the script ended before its first step with nothing changed (`tl_refuse`), if it did.
    var refusal: String? {
        for line in lines {
            let words = line.split(separator: " ")
            switch words.first {
            case "locked"?:
                return "another Trunkline run holds the host's lock (/var/lib/trunkline/lock); waited \(words.dropFirst().first ?? "?") s; nothing was changed"
            case "no-space"? where words.count == 4:
                return "No space left on device: \(words[1]) has \(words[3]) KB free, the run needs \(words[2]) KB; nothing was changed"
            default: continue
            }
        }
        return nil
    }

    /// The failed step whose file changes the script put back, if any.
    var restoredStep: Int? {
        lines.first { $0.hasPrefix("restored ") }.flatMap { Int($0.dropFirst("restored ".count)) }
    }
}
