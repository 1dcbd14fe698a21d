// The program `bench/report` builds: a synthetic 500-host fleet checked for five nights into a
// fresh drift history, then the last night's report rendered as HTML, Markdown and JSON, each
// several times; prints one line per output with the median milliseconds.
//
// The fleet: `file: motd` drifts on hv001-hv120 with one diff; `file: hosts` drifts on every
// host with a diff of its own (500 variants of one step, the grouping's worst case);
// `sysctl` drifts on hv200-hv259 from night 3; hv400 is unreachable from night 2.
import Foundation
import TrunklineReporting

let hosts = (1...500).map { String(format: "hv%03d", $0) }
let motd = StepDrift(play: "base", index: 2, kind: "file", name: "motd",
                     changes: [DriftChange(summary: "update /etc/motd", diff: "--- a/etc/motd\n+++ b/etc/motd\n@@ -1 +1 @@\n-hello\n+Managed by Trunkline\n")])
let steps = [CheckedStep(play: "base", index: 1, kind: "package", name: "chrony"), CheckedStep(play: "base", index: 2, kind: "file", name: "motd"),
             CheckedStep(play: "base", index: 3, kind: "file", name: "hosts"), CheckedStep(play: "base", index: 4, kind: "sysctl", name: "bridge")]

func hostsFile(_ number: Int) -> StepDrift {
    let lines = (1...20).map { " 10.0.\(number / 250).\($0) peer\($0)\n" }.joined()
    let diff = "--- a/etc/hosts\n+++ b/etc/hosts\n@@ -1,21 +1,21 @@\n-10.0.0.1 hv\(number)-old\n+10.0.0.1 hv\(number)\n" + lines
    return StepDrift(play: "base", index: 3, kind: "file", name: "hosts", changes: [DriftChange(summary: "update /etc/hosts", diff: diff)])
}

func observation(_ night: Int, _ number: Int) -> HostObservation {
    let host = hosts[number - 1]
    if number == 400, night >= 2 { return HostObservation(host: host, status: .unreachable, reason: "timeout: no answer on port 22") }
    var drifts = [hostsFile(number)]
    if number <= 120 { drifts.append(motd) }
    if (200...259).contains(number), night >= 3 {
        drifts.append(StepDrift(play: "base", index: 4, kind: "sysctl", name: "bridge",
                                changes: [DriftChange(summary: "set net.bridge.bridge-nf-call-iptables", diff: "-net.bridge.bridge-nf-call-iptables=1\n+net.bridge.bridge-nf-call-iptables=0\n")]))
    }
    let keys = Set(drifts.map(\.key))
    return HostObservation(host: host, status: .drifted, drifts: drifts, inSyncSteps: steps.filter { !keys.contains("\($0.play) / \($0.kind): \($0.name)") })
}

func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<runs {
        let elapsed = try clock.measure(body)
        times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    return times.sorted()[runs / 2]
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-bench-report-\(UUID().uuidString)").path
defer { try? FileManager.default.removeItem(atPath: directory) }
let history = try DriftHistory(path: directory + "/history.sqlite")
var report: DriftReport?
for night in 1...5 {
    let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(night) * 86_400)
    report = try history.record(DriftRun(id: "night\(night)", startedAt: start, finishedAt: start + 42, playbook: "site.yml", inventory: "fleet.yml",
                                         observations: (1...500).map { observation(night, $0) }))
}
let last = report!
let trend = try history.trend(playbook: last.playbook, inventory: last.inventory)
let runs = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 5
var bytes = 0
print("html \(median(runs) { bytes = DriftHTML.render(last, trend: trend).utf8.count }) ms \(bytes) bytes")
print("markdown \(median(runs) { bytes = DriftMarkdown.render(last).utf8.count }) ms \(bytes) bytes")
print("json \(try median(runs) { bytes = try DriftJSON.render(last).count }) ms \(bytes) bytes")
