import Foundation
import Testing

@testable import TrunklineReporting

@Suite("Drift history: since, new and resolved")
struct DriftHistoryTests {
    static let sysctl = StepDrift(
        play: "p", index: 11, kind: "sysctl", name: "bridge netfilter off",
        changes: [DriftChange(summary: "update /etc/sysctl.d/90.conf", diff: "-a=1\n+a=0\n")])
    static let grub = StepDrift(
        play: "p", index: 7, kind: "grub_cmdline", name: "kernel command line",
        changes: [DriftChange(summary: "add biosdevname=0", diff: "")])

    static func run(_ number: Int, _ observations: [HostObservation]) -> DriftRun {
        let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(number) * 86_400)
        return DriftRun(
            id: "run\(number)", startedAt: start, finishedAt: start + 3, playbook: "p.yml", inventory: "i.yml",
            observations: observations)
    }

    static func history() throws -> (DriftHistory, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-history-\(UUID().uuidString)/history.sqlite"
        ).path
        return (try DriftHistory(path: path), path)
    }

    @Test("a drift is new once, then reported since its first run; an unreachable night neither breaks nor extends it")
    func since() throws {
        let (history, path) = try Self.history()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try history.record(
            Self.run(
                1,
                [
                    HostObservation(host: "a", status: .drifted, drifts: [Self.sysctl]),
                    HostObservation(host: "b", status: .inSync),
                ]))
        #expect(first.hosts[0].drifts[0].isNew && first.summary.new == 1 && first.previousRun == nil)
        #expect(first.exitCode == 2)
        let second = try history.record(
            Self.run(
                2,
                [
                    HostObservation(host: "a", status: .unreachable, reason: "timeout: x"),
                    HostObservation(host: "b", status: .drifted, drifts: [Self.grub]),
                ]))
        #expect(second.summary.unreachable == 1 && second.hosts[1].drifts[0].isNew && second.exitCode == 6)
        #expect(second.previousRun?.id == "run1" && second.resolved.isEmpty)
        let third = try history.record(
            Self.run(
                3,
                [
                    HostObservation(host: "a", status: .drifted, drifts: [Self.sysctl, Self.grub]),
                    HostObservation(host: "b", status: .drifted, drifts: [Self.grub]),
                ]))
        let a = third.hosts[0].drifts
        #expect(a[0].since.id == "run1" && !a[0].isNew, "across the unreachable night")
        #expect(a[1].since.id == "run3" && a[1].isNew)
        #expect(third.hosts[1].drifts[0].since.id == "run2" && third.summary.new == 1)
        #expect(try history.nights().map(\.run.id) == ["run1", "run2", "run3"])
        #expect(try history.nights(HistoryQuery(host: "a", last: 2)).map(\.run.id) == ["run2", "run3"])
        #expect(try history.hostNights(HistoryQuery(host: "a")).map(\.reason) == [nil, "timeout: x", nil])
    }

    @Test("a drift gone from a checked host is resolved, with since; a drift that comes back starts anew")
    func resolved() throws {
        let (history, path) = try Self.history()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = try history.record(
            Self.run(1, [HostObservation(host: "a", status: .drifted, drifts: [Self.sysctl, Self.grub])]))
        _ = try history.record(
            Self.run(2, [HostObservation(host: "a", status: .drifted, drifts: [Self.sysctl, Self.grub])]))
        let repaired = try history.record(
            Self.run(3, [HostObservation(host: "a", status: .drifted, drifts: [Self.grub])]))
        #expect(
            repaired.resolved == [
                ResolvedDrift(
                    host: "a", play: "p", kind: "sysctl", name: "bridge netfilter off",
                    since: RunReference(id: "run1", startedAt: Date(timeIntervalSince1970: 1_800_086_400)))
            ])
        #expect(repaired.hosts[0].drifts[0].since.id == "run1")
        let unreachable = try history.record(
            Self.run(4, [HostObservation(host: "a", status: .unreachable, reason: "cut")]))
        #expect(unreachable.resolved.isEmpty, "an unreachable host resolves nothing")
        let back = try history.record(
            Self.run(5, [HostObservation(host: "a", status: .drifted, drifts: [Self.sysctl])]))
        #expect(back.hosts[0].drifts[0].since.id == "run5" && back.hosts[0].drifts[0].isNew)
        #expect(back.resolved.map(\.kind) == ["grub_cmdline"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}
