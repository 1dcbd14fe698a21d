import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineCommands
@testable import TrunklineEngine
@testable import TrunklineRun

/// `check --format json` and `apply --format json` against docs/trunkline.run-1.schema.json,
/// validated by Python's jsonschema from the venv scripts/install-deps makes.
extension CommandLineTests {
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/trunkline.run-1.schema.json").path
    static let python =
        (ProcessInfo.processInfo.environment["TRUNKLINE_VENV"] ?? "/var/lib/trunkline-venv") + "/bin/python"

    /// The schema's verdict on `document`: nil if valid, else jsonschema's message.
    func schemaProblem(_ document: String) throws -> String? {
        let file = directory + "/document-\(UUID().uuidString).json"
        try document.write(toFile: file, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(json.load(open(sys.argv[2])))
            """
        do {
            _ = try LocalCommand.run([Self.python, "-c", script, Self.schema, file])
            return nil
        } catch let failure as LocalCommand.Failure {
            return failure.output
        }
    }

    @Test("--format json is a trunkline.run/1 document that the checked-in JSON Schema accepts, without \\/ escapes")
    func runJSON() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.python), "no \(Self.python): run scripts/install-deps")
        for command in [["check"], ["apply", "-C"]] {
            let (status, output) = try trunkline(
                command + [
                    "-i", "hosts.yml", "-T", "2", "--format", "json", "--runs-dir", directory + "/runs", "play.yml",
                ])
            #expect(status == 4)
            #expect(try schemaProblem(output) == nil)
            #expect(!output.contains(#"\/"#) && output.contains(#""run_directory" : "\#(directory)/runs/"#))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(
                document["schema"] as? String == "trunkline.run/1" && document["exit_code"] as? Int == 4
                    && document["mode"] as? String == "check")
            #expect((document["plays"] as? [[String: Any]])?.map { $0["hosts"] as? [String] } == [["h1"]])
        }
    }

    @Test("a run with steps, changes and a second play fits the schema too; a document without its schema does not")
    func runJSONWithSteps() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.python), "no \(Self.python): run scripts/install-deps")
        let change = Change(summary: "write /etc/motd", diff: "--- a\n+++ b\n", effects: [.run(["echo", "hi"])])
        let step = PlannedStep(index: 1, name: "/etc/motd", kind: "file", changes: [change], alwaysChanges: false)
        var outcome = HostOutcome(host: "hv1", steps: [StepOutcome(step: step, status: .changed, seconds: 0.42)])
        outcome.timings = HostTimings(facts: [.milliseconds(250), .milliseconds(125)], apply: [.seconds(2)])
        let runs = try RunDirectory(runs: directory + "/runs", runID: "20261202T000000Z-abc", given: true)
        let result = RunResult(
            runID: "20261202T000000Z-abc", directory: runs, hosts: ["hv1"],
            plays: [("one", [outcome]), ("two", [outcome])],
            notReached: [], stopReasons: [], interrupted: false)
        let text = try RunJSON(result: result, mode: .apply, started: Date(timeIntervalSince1970: 0), finished: Date())
            .text()
        #expect(try schemaProblem(text) == nil)
        #expect(text.contains(#""started_at" : "1970-01-01T00:00:00.000Z""#) && text.contains(#""exit_code" : 2"#))
        #expect(try schemaProblem(text.replacingOccurrences(of: #""schema" : "trunkline.run/1","#, with: "")) != nil)
        #expect(try schemaProblem(text.replacingOccurrences(of: #""apply_seconds""#, with: #""apply""#)) != nil)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let timings = (document["hosts"] as? [[String: Any]])?.first?["timings"] as? [String: [Double]]
        #expect(timings == ["facts_seconds": [0.25, 0.125], "apply_seconds": [2]])
        let steps = (document["hosts"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]]
        #expect(steps?.first?["seconds"] as? Double == 0.42, "each step's own time")
        #expect(
            try schemaProblem(text.replacingOccurrences(of: #""seconds" : 0.42"#, with: #""seconds" : "fast""#)) != nil)
        #expect(
            try schemaProblem(text.replacingOccurrences(of: #""status" : "changed""#, with: #""status" : "done""#))
                != nil)
    }
}
