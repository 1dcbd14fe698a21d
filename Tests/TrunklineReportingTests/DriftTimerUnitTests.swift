import Foundation
import Testing

/// The systemd units in contrib/systemd: one template instance per playbook, each with its own
/// environment file, reports and textfile, checked by `systemd-analyze verify` when it is there.
@Suite("The drift timer's systemd units: one instance per playbook")
struct DriftTimerUnitTests {
    static let contrib = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("contrib/systemd").path

    @Test("every file the service writes or reads is named after its instance, so two timers compose")
    func perInstance() throws {
        let service = try String(contentsOfFile: Self.contrib + "/trunkline-drift@.service", encoding: .utf8)
        #expect(service.contains("EnvironmentFile=/etc/trunkline/drift-%i.env"))
        #expect(service.contains("--prometheus /var/lib/prometheus/node-exporter/trunkline-%i.prom"))
        for report in ["drift.html", "drift.md", "drift.json"] {
            #expect(service.contains("/var/lib/trunkline/reports/%i/\(report)"), "\(report)")
        }
        #expect(
            !service.contains("trunkline.prom") && !service.contains("EnvironmentFile=/etc/trunkline/drift.env"),
            "no fixed name left")
    }

    @Test(
        "two instances verify with systemd-analyze",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")))
    func verify() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var units: [String] = []
        for instance in ["site", "network"] {
            for kind in ["service", "timer"] {
                let text = try String(contentsOfFile: Self.contrib + "/trunkline-drift@.\(kind)", encoding: .utf8)
                    .replacingOccurrences(of: "/usr/local/bin/trunkline", with: "/bin/true")  // not installed here
                let path = directory.appendingPathComponent("trunkline-drift@\(instance).\(kind)").path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                units.append(path)
            }
        }
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = ["verify", "--man=no"] + units
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && output.isEmpty, "\(output)")
    }
}
