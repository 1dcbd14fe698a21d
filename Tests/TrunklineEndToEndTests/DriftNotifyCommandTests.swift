import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineCommands
@testable import TrunklineRun

/// `trunkline drift --notify-webhook`: a bad URL is a usage error; a webhook that cannot be
/// reached is logged and leaves the exit status alone. No host is contacted (port 9 on 127.0.0.1
/// answers nothing here, so the host is unreachable and the run exits 4).
@Suite("trunkline drift --notify-webhook")
struct DriftNotifyCommandTests {
    @Test("a URL that is not http(s) is refused before anything runs")
    func badURL() {
        for url in ["ftp://example.org/x", "hooks.example.org"] {
            do {
                _ = try DriftOutputOptions.parse(["--notify-webhook", url])
                Issue.record("\(url) was accepted")
            } catch {
                #expect(
                    DriftOutputOptions.fullMessage(for: error).contains("--notify-webhook"),
                    "\(DriftOutputOptions.fullMessage(for: error))")
            }
        }
        #expect(
            (try? DriftOutputOptions.parse([
                "--notify-webhook", "https://a.example/1", "--notify-webhook", "http://127.0.0.1:8/2",
            ]))?.notifyWebhooks.count == 2)
    }

    /// A scratch directory with a one-host inventory whose host answers nothing, and a playbook.
    static func scratch() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-notify-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "all:\n  vars: {ansible_host: 127.0.0.1, ansible_port: 9}\n  hosts:\n    h1:\n".write(
            toFile: directory + "/hosts.yml", atomically: true, encoding: .utf8)
        try "- hosts: all\n  steps:\n    - command: {argv: [\"true\"]}\n".write(
            toFile: directory + "/play.yml", atomically: true, encoding: .utf8)
        return directory
    }

    /// `trunkline drift` on the scratch directory's inventory and playbook with `options`; its
    /// exit status and its standard output and error.
    static func drift(in directory: String, _ options: [String]) throws -> (status: Int32, output: String) {
        let argv =
            [
                ValidateCommandTests.binary, "drift", "-i", directory + "/hosts.yml", "--runs-dir", directory + "/runs",
                "--no-history",
            ]
            + options + [directory + "/play.yml"]
        do {
            return (
                0, try LocalCommand.run(["/bin/sh", "-c", argv.map { "'\($0)'" }.joined(separator: " ") + " 2>&1"])
            )
        } catch let failure as LocalCommand.Failure {
            return (failure.status, failure.output)
        }
    }

    @Test("a webhook nobody answers is logged (its host only, not its secret path) and the exit status stays 4")
    func unreachableWebhook() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (status, output) = try Self.drift(
            in: directory, ["--notify-webhook", "http://127.0.0.1:9/hooks/T000/SECRET"])
        #expect(status == 4, "\(output)")
        #expect(
            output.contains("trunkline: notification to http://127.0.0.1 failed: ")
                && output.contains("(after 3 attempts)"), "\(output)")
        #expect(!output.contains("SECRET"))
    }

    @Test(
        "--notify-config: its webhook on loopback receives the summary; a bad file is invalid input, named file:line:column, before any run"
    )
    func config() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let listener = try LoopbackListener(answers: ["200"])
        try "webhooks:\n  - \(listener.url.absoluteString)\ntimeout: 5\nretries: 0\n".write(
            toFile: directory + "/notify.yml", atomically: true, encoding: .utf8)
        let (status, output) = try Self.drift(in: directory, ["--notify-config", directory + "/notify.yml"])
        let requests = listener.requests()
        #expect(status == 4 && output.contains("trunkline: notification to http://127.0.0.1 delivered"), "\(output)")
        #expect(
            requests.count == 1 && requests[0].hasPrefix("POST /hooks/secret application/json {")
                && requests[0].contains("\"trunkline\""), "\(requests)")

        #expect(FileManager.default.fileExists(atPath: directory + "/runs"), "a run writes its directory")
        let other = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: other) }
        try "webhooks:\n  - https://a.example/1\nretries: many\n".write(
            toFile: other + "/bad.yml", atomically: true, encoding: .utf8)
        let bad = try Self.drift(in: other, ["--notify-config", other + "/bad.yml"])
        #expect(
            bad.status == 1
                && bad.output.contains("\(other)/bad.yml:3:10: error: retries must be a whole number, not a string"),
            "\(bad.output)")
        #expect(!FileManager.default.fileExists(atPath: other + "/runs"), "nothing ran")
    }
}
