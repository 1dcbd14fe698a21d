import Foundation

@testable import TrunklineReporting

/// A synthetic 500-host fleet (`hv001`–`hv500`) checked for five nights into a fresh history:
/// - `file: motd` drifts on hv001–hv120 from night 1, the same diff everywhere;
/// - `sysctl: bridge netfilter off` on hv200–hv259 from night 3, with two different diffs;
/// - `ovs: br-mgmt` drifts on hv300–hv311 for the first time on night 5;
/// - `grub_cmdline: kernel command line` drifts on hv450–hv459 on night 4 and is fixed on night 5;
/// - hv400 is unreachable from night 2, hv401 fails on night 5.
struct FleetFixture {
    static let hosts = (1...500).map { String(format: "hv%03d", $0) }
    static let motd = StepDrift(
        play: "base", index: 2, kind: "file", name: "motd",
        changes: [
            DriftChange(
                summary: "update /etc/motd",
                diff: "--- a/etc/motd\n+++ b/etc/motd\n@@ -1 +1 @@\n-hello\n+Managed by Trunkline\n")
        ])
    static let grub = StepDrift(
        play: "base", index: 5, kind: "grub_cmdline", name: "kernel command line",
        changes: [DriftChange(summary: "add biosdevname=0", diff: "")])
    static let ovs = StepDrift(
        play: "network <KVM>", index: 3, kind: "ovs", name: "br-mgmt",
        changes: [DriftChange(summary: "add port bond0 to br-mgmt", diff: "")])
    static func sysctl(_ value: Int) -> StepDrift {
        StepDrift(
            play: "network <KVM>", index: 7, kind: "sysctl", name: "bridge netfilter off",
            changes: [
                DriftChange(
                    summary: "update /etc/sysctl.d/90-bridge.conf",
                    diff: "-net.bridge.bridge-nf-call-iptables=\(value)\n+net.bridge.bridge-nf-call-iptables=0\n")
            ])
    }
    static let steps = [
        CheckedStep(play: "base", index: 1, kind: "package", name: "chrony"),
        CheckedStep(play: "base", index: 2, kind: "file", name: "motd"),
        CheckedStep(play: "base", index: 5, kind: "grub_cmdline", name: "kernel command line"),
        CheckedStep(play: "network <KVM>", index: 3, kind: "ovs", name: "br-mgmt"),
        CheckedStep(play: "network <KVM>", index: 7, kind: "sysctl", name: "bridge netfilter off"),
    ]

    let path: String
    let history: DriftHistory
    /// Each night's report, night 1 first.
    var reports: [DriftReport] = []

    /// Hosts named so that no two neighbours share a prefix (`ams-001`, `fra-002`, …): no ranges.
    static let scattered = (1...500).map { String(format: "%@-%03d", ["ams", "fra", "lon", "par"][$0 % 4], $0) }

    init(playbook: String = "site.yml", hosts: [String] = Self.hosts) throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-fleet-\(UUID().uuidString)/history.sqlite"
            ).path
        history = try DriftHistory(path: path)
        for night in 1...5 { reports.append(try history.record(Self.run(night, playbook: playbook, hosts: hosts))) }
    }

    var last: DriftReport { reports[reports.count - 1] }
    var trend: [TrendPoint] { (try? history.trend(playbook: last.playbook, inventory: last.inventory)) ?? [] }

    func remove() { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }

    static func run(_ night: Int, playbook: String, hosts: [String]) -> DriftRun {
        let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(night) * 86_400)
        return DriftRun(
            id: "night\(night)", startedAt: start, finishedAt: start + 42, playbook: playbook, inventory: "fleet.yml",
            observations: hosts.enumerated().map { observation(night, number: $0.offset + 1, host: $0.element) })
    }

    static func observation(_ night: Int, number: Int, host: String) -> HostObservation {
        if number == 400, night >= 2 {
            return HostObservation(host: host, status: .unreachable, reason: "timeout: no answer on port 22")
        }
        if number == 401, night == 5 {
            return HostObservation(host: host, status: .failed, reason: "facts: /proc/net/dev unreadable")
        }
        var drifts: [StepDrift] = []
        if number <= 120 { drifts.append(motd) }
        if (450...459).contains(number), night == 4 { drifts.append(grub) }
        if (300...311).contains(number), night == 5 { drifts.append(ovs) }
        if (200...259).contains(number), night >= 3 { drifts.append(sysctl(number < 230 ? 1 : 2)) }
        let keys = Set(drifts.map(\.key))
        return HostObservation(
            host: host, status: drifts.isEmpty ? .inSync : .drifted, drifts: drifts,
            inSyncSteps: steps.filter { !keys.contains("\($0.play) / \($0.kind): \($0.name)") })
    }
}
