import Foundation
import Testing
import TrunklineReporting
import TrunklineTestSupport

/// `trunkline history` as a user runs it, on a three-run history written here (no host is contacted).
@Suite("trunkline history")
struct HistoryCommandTests {
    static let motd = StepDrift(
        play: "base", index: 2, kind: "file", name: "motd",
        changes: [DriftChange(summary: "update /etc/motd", diff: "")])

    /// A history of three nights, one day apart from 2027-01-15 08:00 UTC: h1 drifts on motd
    /// from the second, h2 is unreachable on the third.
    static func history(in directory: String) throws -> String {
        let path = directory + "/history.sqlite", history = try DriftHistory(path: path)
        for night in 1...3 {
            let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(night) * 86_400)
            let h1 =
                night == 1
                ? HostObservation(host: "h1", status: .inSync)
                : HostObservation(host: "h1", status: .drifted, drifts: [motd])
            let h2 =
                night == 3
                ? HostObservation(host: "h2", status: .unreachable, reason: "timeout")
                : HostObservation(host: "h2", status: .inSync)
            _ = try history.record(
                DriftRun(
                    id: "n\(night)", startedAt: start, finishedAt: start + 5, playbook: "site.yml",
                    inventory: "hosts.yml",
                    observations: [h1, h2]))
        }
        return path
    }

    /// Runs `trunkline history ARGUMENTS` on a fresh history; its exit status and output.
    static func history(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-history-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try history(in: directory)
        do {
            return (0, try LocalCommand.run([ValidateCommandTests.binary, "history", "--history", path] + arguments))
        } catch let failure as LocalCommand.Failure {
            return (failure.status, failure.output)
        }
    }

    @Test("the per-night table since a date; with --host, that host's counts and its result in each run")
    func table() throws {
        let since = try Self.history(["--since", "2027-01-17"])
        #expect(
            since.status == 0
                && since.output == """
                    run  started                  hosts  in sync  drifted  unreachable  failed  new  resolved  still drifting  playbook
                    n2   2027-01-17 08:00:00 UTC      2        1        1            0       0    1         0               0  site.yml
                    n3   2027-01-18 08:00:00 UTC      2        0        1            1       0    0         0               1  site.yml

                    """,
            "\(since.output)")
        let host = try Self.history(["--host", "h2", "--last", "2"])
        #expect(
            host.output.hasSuffix(
                """
                run  started                  status       drifted steps or reason  playbook
                n2   2027-01-17 08:00:00 UTC  in_sync                               site.yml
                n3   2027-01-18 08:00:00 UTC  unreachable  timeout                  site.yml

                """), "\(host.output)")
    }

    @Test("--format json with --step; a bad --since is a usage error that names the value")
    func jsonAndErrors() throws {
        let json = try Self.history(["--format", "json", "--step", "motd", "--since", "520w"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "\(json.output)")
        #expect(document["schema"] as? String == "trunkline.history/1")
        #expect((document["nights"] as? [[String: Any]])?.map { $0["new"] as? Int } == [0, 1, 0])
        #expect((document["query"] as? [String: Any])?["step"] as? String == "motd")
        let bad = try Self.history(["--since", "yesterday"])
        #expect(bad.status == 64 && bad.output.contains("'yesterday' is not a time back from now"), "\(bad.output)")
    }
}
