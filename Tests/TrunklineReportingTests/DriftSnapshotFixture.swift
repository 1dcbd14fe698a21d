import Foundation

@testable import TrunklineReporting

/// A small fleet over three nights, for whole-output snapshots: on night 3, `file: motd` drifts
/// on hv01–hv03 with one diff since night 1, `sysctl` is new on hv04 and hv05 with two diffs, the
/// `grub_cmdline` drift of night 2 on hv06 is resolved, hv07 is unreachable since night 2 and hv08
/// in sync.
enum DriftSnapshotFixture {
    static let motd = StepDrift(
        play: "base", index: 1, kind: "file", name: "motd",
        changes: [
            DriftChange(
                summary: "update /etc/motd", diff: "--- a/etc/motd\n+++ b/etc/motd\n@@ -1 +1 @@\n-hi\n+Managed <here>\n"
            )
        ])
    static let grub = StepDrift(
        play: "base", index: 2, kind: "grub_cmdline", name: "kernel command line",
        changes: [DriftChange(summary: "add biosdevname=0", diff: "")])
    static func sysctl(_ value: Int) -> StepDrift {
        StepDrift(
            play: "net", index: 1, kind: "sysctl", name: "forwarding",
            changes: [DriftChange(summary: "set net.ipv4.ip_forward", diff: "-\(value)\n+1\n")])
    }
    static let steps = [
        CheckedStep(play: "base", index: 1, kind: "file", name: "motd"),
        CheckedStep(play: "base", index: 2, kind: "grub_cmdline", name: "kernel command line"),
        CheckedStep(play: "net", index: 1, kind: "sysctl", name: "forwarding"),
    ]

    static func observation(_ night: Int, _ number: Int) -> HostObservation {
        let host = "hv0\(number)"
        if number == 7, night >= 2 {
            return HostObservation(host: host, status: .unreachable, reason: "timeout: no answer")
        }
        var drifts: [StepDrift] = []
        if number <= 3 { drifts.append(motd) }
        if number == 6, night == 2 { drifts.append(grub) }
        if number == 4 || number == 5, night == 3 { drifts.append(sysctl(number == 4 ? 0 : 2)) }
        let keys = Set(drifts.map(\.key))
        return HostObservation(
            host: host, status: drifts.isEmpty ? .inSync : .drifted, drifts: drifts,
            inSyncSteps: steps.filter { !keys.contains("\($0.play) / \($0.kind): \($0.name)") })
    }

    /// Night 3's report and the trend of the three nights.
    static func report() throws -> (DriftReport, [TrendPoint]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-snapshot-\(UUID().uuidString)/history.sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let history = try DriftHistory(path: path)
        var report: DriftReport?
        for night in 1...3 {
            let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(night) * 86_400)
            report = try history.record(
                DriftRun(
                    id: "n\(night)", startedAt: start, finishedAt: start + 12.5, playbook: "site.yml",
                    inventory: "lab.yml",
                    observations: (1...8).map { observation(night, $0) }))
        }
        return (report!, try history.trend(playbook: "site.yml", inventory: "lab.yml"))
    }
}
