import Foundation
import Testing
import TrunklineReporting

@testable import TrunklineCommands

/// When output is painted, and how a diff is.
@Suite("colour: NO_COLOR, FORCE_COLOR, TERM=dumb, and diffs as Ansible paints them")
struct TerminalColourTests {
    @Test(
        "a terminal is painted unless NO_COLOR or TERM=dumb; FORCE_COLOR paints a pipe too, and FORCE_COLOR=0 paints nothing"
    )
    func decision() {
        let enabled = { (terminal: Bool, environment: [String: String]) in
            TerminalColour.enabled(isTerminal: terminal, environment: environment)
        }
        #expect(enabled(true, ["TERM": "xterm"]) && !enabled(false, ["TERM": "xterm"]))
        #expect(!enabled(true, ["NO_COLOR": "1"]) && enabled(true, ["NO_COLOR": ""]))
        #expect(!enabled(true, ["TERM": "dumb"]))
        #expect(enabled(false, ["FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "dumb"]))
        #expect(!enabled(true, ["FORCE_COLOR": "0"]))
    }

    @Test("a diff's + lines are green, - lines red, @@ lines cyan, context plain; nothing painted without colour")
    func diff() {
        let diff = "--- before\n+++ after\n@@ -1 +1 @@\n-old\n+new\n same\n"
        #expect(
            RunReport.diffLines(diff, colour: true) == [
                "      \u{1B}[31m--- before\u{1B}[0m", "      \u{1B}[32m+++ after\u{1B}[0m",
                "      \u{1B}[36m@@ -1 +1 @@\u{1B}[0m",
                "      \u{1B}[31m-old\u{1B}[0m", "      \u{1B}[32m+new\u{1B}[0m", "       same",
            ])
        #expect(RunReport.diffLines(diff, colour: false) == diff.split(separator: "\n").map { "      \($0)" })
    }

    @Test("drift --diff paints its diffs as check does, and only with colour")
    func driftDiff() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let drift = StepDrift(
            play: "p", index: 1, kind: "file", name: "motd",
            changes: [DriftChange(summary: "update /etc/motd", diff: "@@ -1 +1 @@\n-old\n+new\n")])
        let report = DriftReport(
            run: DriftRun(
                id: "r1", startedAt: start, finishedAt: start + 1, playbook: "p.yml", inventory: "i.yml",
                observations: [HostObservation(host: "hv01", status: .drifted, drifts: [drift])]))
        let painted = DriftText.render(report, showDiff: true, files: [], colour: true)
        #expect(painted.contains("        \u{1B}[31m-old\u{1B}[0m\n        \u{1B}[32m+new\u{1B}[0m"), "\(painted)")
        #expect(DriftText.render(report, showDiff: true, files: []).contains("        -old\n        +new\n"))
    }
}
