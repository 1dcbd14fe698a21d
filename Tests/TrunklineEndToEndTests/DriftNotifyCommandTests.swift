import TrunklineTestSupport
@testable import TrunklineRun
import Foundation
import Testing
@testable import TrunklineCommands

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
                #expect(DriftOutputOptions.fullMessage(for: error).contains("--notify-webhook"), "\(DriftOutputOptions.fullMessage(for: error))")
            }
        }
        #expect((try? DriftOutputOptions.parse(["--notify-webhook", "https://a.example/1", "--notify-webhook", "http://127.0.0.1:8/2"]))?.notifyWebhooks.count == 2)
    }

    @Test("a webhook nobody answers is logged (its host only, not its secret path) and the exit status stays 4")
    func unreachableWebhook() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-notify-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "all:\n  vars: {ansible_host: 127.0.0.1, ansible_port: 9}\n  hosts:\n    h1:\n".write(toFile: directory + "/hosts.yml", atomically: true, encoding: .utf8)
        try "- hosts: all\n  steps:\n    - command: {argv: [\"true\"]}\n".write(toFile: directory + "/play.yml", atomically: true, encoding: .utf8)
        let argv = [ValidateCommandTests.binary, "drift", "-i", directory + "/hosts.yml", "--runs-dir", directory + "/runs", "--no-history",
                    "--notify-webhook", "http://127.0.0.1:9/hooks/T000/SECRET", directory + "/play.yml"]
        var status: Int32 = 0, output = ""
        do {
            output = try LocalCommand.run(["/bin/sh", "-c", argv.map { "'\($0)'" }.joined(separator: " ") + " 2>&1"])
        } catch let failure as LocalCommand.Failure {
            (status, output) = (failure.status, failure.output)
        }
        #expect(status == 4, "\(output)")
        #expect(output.contains("trunkline: notification to http://127.0.0.1 failed: ") && output.contains("(after 3 attempts)"), "\(output)")
        #expect(!output.contains("SECRET"))
    }
}
