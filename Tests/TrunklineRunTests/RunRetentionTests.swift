import Foundation
import Testing

@testable import TrunklineRun

@Suite("Run directories kept on the controller")
struct RunRetentionTests {
    static let now = RunRetention.timestamp(of: "20261201T120000Z-now")!

    @Test("at most COUNT earlier runs, the newest; none older than DAYS; the current run and other names never")
    func expired() {
        let runs = [
            "20261130T000000Z-a", "20261129T000000Z-b", "20261128T000000Z-c", "20260101T000000Z-old", "notes",
            "20261201T120000Z-now",
        ]
        #expect(
            RunRetention(count: 2, days: 90).expired(in: runs, current: "20261201T120000Z-now", now: Self.now)
                == ["20261128T000000Z-c", "20260101T000000Z-old"])
        #expect(
            RunRetention(count: 100, days: 90).expired(in: runs, current: "20261201T120000Z-now", now: Self.now) == [
                "20260101T000000Z-old"
            ])
        #expect(
            RunRetention(count: 100, days: 3).expired(in: runs, current: "20261201T120000Z-now", now: Self.now)
                == ["20261128T000000Z-c", "20260101T000000Z-old"])
    }

    @Test("pruning removes the expired run directories and leaves everything else")
    func prune() throws {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-runs-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let names = (1...5).map { "2026110\($0)T000000Z-r\($0)" } + ["keep-me"]
        for name in names {
            try FileManager.default.createDirectory(
                atPath: runs + "/" + name + "/hosts", withIntermediateDirectories: true)
        }
        RunRetention(count: 2, days: 36_500).prune(runs, current: "20261105T000000Z-r5")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: runs)) == [
                "20261105T000000Z-r5", "20261104T000000Z-r4", "20261103T000000Z-r3", "keep-me",
            ])
    }
}
