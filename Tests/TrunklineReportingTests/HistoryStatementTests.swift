import Foundation
import Synchronization
import Testing

@testable import TrunklineReporting

/// What recording a run costs the database, counted statement by statement (no timings).
@Suite("Drift history: one batched transaction per run")
struct HistoryStatementTests {
    /// The SQL of every statement a history runs.
    final class StatementLog: Sendable {
        private let statements = Mutex<[String]>([])
        func append(_ sql: String) { statements.withLock { $0.append(sql) } }
        /// The statements since the last call, and forgets them.
        func take() -> [String] {
            statements.withLock { log in
                defer { log = [] }; return log
            }
        }
    }

    /// The statements recording night 6 runs on a history of five nights of `hosts`.
    static func statements(hosts: [String]) throws -> [String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-statements-\(UUID().uuidString)/history.sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let log = StatementLog()
        let history = try DriftHistory(path: path, statements: { log.append($0) })
        for night in 1...5 { _ = try history.record(FleetFixture.run(night, playbook: "site.yml", hosts: hosts)) }
        _ = log.take()
        _ = try history.record(FleetFixture.run(6, playbook: "site.yml", hosts: hosts))
        return log.take()
    }

    @Test("a run is one transaction whose statements do not grow with the fleet")
    func batched() throws {
        let small = try Self.statements(hosts: Array(FleetFixture.hosts.prefix(5))),
            large = try Self.statements(hosts: FleetFixture.hosts)
        print("recording a run: \(small.count) statements for 5 hosts, \(large.count) for 500")
        #expect(
            large.filter { $0.hasPrefix("BEGIN") }.count == 1 && large.filter { $0.hasPrefix("COMMIT") }.count == 1,
            "\(large)")
        #expect(
            large.filter { $0.hasPrefix("SELECT") }.count == small.filter { $0.hasPrefix("SELECT") }.count,
            "\(large.filter { $0.hasPrefix("SELECT") })")
        #expect(large.count <= 20, "500 hosts, 192 drifts: \(large.count) statements")
    }
}
