import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineRun

/// Prints a check or apply as an Ansible user reads it: per host and step `ok`, `changed`,
/// `failed` or `skipped` (colour as `TerminalColour` decides), the changes, diffs with `--diff`
/// (`+` green, `-` red, `@@` cyan, as Ansible paints them), and a recap; with `StepDetail.changesOnly`,
/// the ok and skipped steps are left out (and a host with nothing else shows only in the recap);
/// from `Verbosity.commands` (`-v`), each change's commands follow it as `$ command` lines; from
/// `Verbosity.timings` (`-vv`), each changed step says how long it ran, and a host's block ends with the timings of its facts execs and apply scripts;
/// with `--format json`, nothing (`RunJSON` is the document at the end).
final class RunReport: @unchecked Sendable {
    private let format: OutputFormat
    private let showDiff: Bool
    private let apply: Bool
    private let detail: StepDetail
    private let verbosity: Verbosity
    private let colour = TerminalColour.enabled(for: STDOUT_FILENO)
    private let lock = NSLock()
    /// The hosts of the running batch not shown yet, in inventory order, and those of them that
    /// finished: a host's block waits for the blocks of the hosts before it.
    private var waiting: [String] = []
    private var finished: [String: HostOutcome] = [:]

    init(
        format: OutputFormat, showDiff: Bool, apply: Bool, detail: StepDetail = .all, verbosity: Verbosity = .normal
    ) {
        self.verbosity = verbosity
        self.format = format
        self.showDiff = showDiff
        self.apply = apply
        self.detail = detail
    }

    func play(_ name: String) {
        guard format == .text else { return }
        flush()
        emit("PLAY [\(name)] " + String(repeating: "*", count: max(4, 60 - name.count)))
    }

    /// Shows the host's block once the hosts before it in the batch have theirs: blocks come
    /// in inventory order, whichever host finishes first.
    func host(_ outcome: HostOutcome) {
        guard format == .text else { return }
        let ready = lock.withLock { () -> [HostOutcome] in
            guard waiting.contains(outcome.host) else { return [outcome] }
            finished[outcome.host] = outcome
            var ready: [HostOutcome] = []
            while let next = waiting.first, let done = finished.removeValue(forKey: next) {
                ready.append(done)
                waiting.removeFirst()
            }
            return ready
        }
        ready.forEach(show)
    }

    /// Shows the finished hosts still waiting for one that did not run (the rollout stopped),
    /// in inventory order, and waits for no host any more.
    private func flush() {
        let ready = lock.withLock { () -> [HostOutcome] in
            defer { (waiting, finished) = ([], [:]) }
            return waiting.compactMap { finished[$0] }
        }
        ready.forEach(show)
    }

    private func show(_ outcome: HostOutcome) {
        let lines = lines(outcome, colour: colour, detail: detail)
        if !lines.isEmpty { emit(lines.joined(separator: "\n")) }
    }

    /// The host's lines as the text report shows them (painted only with `colour`), its steps
    /// those `detail` shows.
    func lines(_ outcome: HostOutcome, colour: Bool, detail: StepDetail = .all) -> [String] {
        let paint = { (text: String, code: Int) in Self.paint(text, code, colour: colour) }
        var lines: [String] = []
        if let failure = outcome.failure {
            let label = outcome.rolledBack ? "ROLLED BACK!" : outcome.unreachable ? "UNREACHABLE!" : "FAILED!"
            lines.append(paint("\(outcome.host): \(label) \(failure)", 31))
        }
        for step in outcome.steps where detail.shows(step.status) {
            let status = step.status == .changed && !apply ? "change" : step.status.rawValue
            let handler = step.step.isHandler ? " (handler)" : ""
            let took = verbosity >= .timings ? step.seconds.map { "  (\(DurationText.short(.seconds($0))))" } ?? "" : ""
            lines.append(
                paint(
                    "\(outcome.host)  \(status)  [\(step.step.index)] \(step.step.kind): \(step.step.name)\(handler)\(took)",
                    Self.code(step.status)))
            for change in step.step.changes where step.status != .ok {
                lines.append("    - \(change.summary)")
                if verbosity >= .commands { lines += change.commands.map { "        $ \($0)" } }
                if showDiff, !change.diff.isEmpty { lines += Self.diffLines(change.diff, colour: colour) }
            }
            if let output = step.output, !output.isEmpty {
                lines += output.split(separator: "\n").map { "      ! \($0)" }
            }
        }
        if let rollback = outcome.rollback {
            lines += rollback.split(separator: "\n").map { "    rollback: \($0)" }
        }
        if let pending = outcome.rebootPending {
            lines.append(paint("\(outcome.host)  reboot pending: \(pending)", 33))
        }
        for step in outcome.remaining {
            lines.append(paint("\(outcome.host)  did not converge  [\(step.index)] \(step.kind): \(step.name)", 31))
            lines += step.changes.map { "    - still: \($0.summary)" }
        }
        if verbosity >= .timings, let timings = Self.timingsLine(outcome) { lines.append(timings) }
        return lines
    }

    /// The start of a batch: its hosts, whose blocks come in this order, and a line for it (plain
    /// output only; a terminal shows the progress line).
    func batch(number: Int, of count: Int, hosts: [String]) {
        guard format == .text else { return }
        flush()
        lock.withLock { waiting = hosts }
        guard count > 1 else { return }
        emit("BATCH \(number)/\(count) [\(hosts.joined(separator: ", "))]")
    }

    func recap(_ outcomes: [HostOutcome], notReached: [String], stopReasons: [String], runDirectory: String?) {
        flush()
        emit("RECAP " + String(repeating: "*", count: 60))
        for outcome in outcomes { emit(Self.recapLine(outcome)) }
        let failures = outcomes.filter(\.failed)
        if !failures.isEmpty {
            emit(paint("FAILED OR UNREACHABLE (\(failures.count)):", 31))
            for outcome in failures { emit("  \(outcome.host): \(outcome.reason ?? "failed")") }
        }
        for reason in stopReasons { emit(paint("STOPPED: \(reason)", 31)) }
        if !notReached.isEmpty { emit("NOT REACHED (\(notReached.count)): \(notReached.joined(separator: ", "))") }
        if let runDirectory { emit("run directory: \(runDirectory)") }
    }

    /// The host's line of the recap: its steps counted by status, as Ansible's recap counts them.
    static func recapLine(_ outcome: HostOutcome) -> String {
        let count = { (status: StepOutcome.Status) in outcome.steps.filter { $0.status == status }.count }
        let failed =
            count(.failed) + (outcome.remaining.isEmpty ? 0 : 1)
            + (outcome.failure != nil && !outcome.unreachable && count(.failed) == 0 ? 1 : 0)
        return
            "\(outcome.host)  ok=\(count(.ok)) changed=\(count(.changed)) failed=\(failed) unreachable=\(outcome.unreachable ? 1 : 0) skipped=\(count(.skipped))"
            + (outcome.reconnects > 0 ? "  reconnected \(outcome.reconnects)×" : "")
    }

    /// `hv01  timings: facts 120 ms, 80 ms; apply 2.31 s` (`-vv`), or nil for a host with no
    /// timed exec (it could not be reached).
    static func timingsLine(_ outcome: HostOutcome) -> String? {
        let timings = outcome.timings
        guard !timings.facts.isEmpty || !timings.apply.isEmpty else { return nil }
        let part = { (label: String, durations: [Duration]) in
            durations.isEmpty ? nil : "\(label) " + durations.map(DurationText.short).joined(separator: ", ")
        }
        let parts = [part("facts", timings.facts), part("apply", timings.apply)].compactMap { $0 }
        return "\(outcome.host)  timings: " + parts.joined(separator: "; ")
    }

    /// A change's unified diff, indented under it, each line painted (with `colour`) by its mark.
    static func diffLines(_ diff: String, colour: Bool, indent: String = "      ") -> [String] {
        TextLines.split(diff).dropLast().map { line in
            let code = line.hasPrefix("@@") ? 36 : line.hasPrefix("+") ? 32 : line.hasPrefix("-") ? 31 : nil
            return indent + (code.map { paint(String(line), $0, colour: colour) } ?? String(line))
        }
    }

    private static func code(_ status: StepOutcome.Status) -> Int {
        switch status {
        case .ok: return 32
        case .changed: return 33
        case .failed: return 31
        case .skipped: return 36
        }
    }

    private func paint(_ text: String, _ code: Int) -> String {
        Self.paint(text, code, colour: colour)
    }

    private static func paint(_ text: String, _ code: Int, colour: Bool) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func emit(_ text: String) {
        lock.withLock { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    }
}
