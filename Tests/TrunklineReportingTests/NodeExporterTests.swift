import Foundation
import Testing

@testable import TrunklineReporting

/// node_exporter itself (Debian's `prometheus-node-exporter`, or the binary named by
/// `TRUNKLINE_NODE_EXPORTER`) serving two playbooks' textfiles on loopback, what it serves
/// checked by `promtool check metrics` when promtool is installed; skipped without node_exporter.
@Suite("Drift metrics in a real node_exporter textfile collector", .enabled(if: ReportConsumer.nodeExporter != nil))
struct NodeExporterTests {
    /// Serves `directory` on a loopback port; the status and body of one scrape, and what
    /// node_exporter logged (where it reports a scrape's errors: it still answers 200).
    static func scrape(
        _ directory: String, consumer: ReportConsumer
    ) throws -> (status: Int32, output: String, log: String) {
        let port = Int.random(in: 20_000...60_000)
        let exporter = Process()
        exporter.executableURL = URL(fileURLWithPath: try #require(ReportConsumer.nodeExporter))
        exporter.arguments = [
            "--web.listen-address=127.0.0.1:\(port)", "--collector.disable-defaults", "--collector.textfile",
            "--collector.textfile.directory=\(directory)",
        ]
        exporter.standardOutput = FileHandle.nullDevice
        let log = consumer.directory.appendingPathComponent("node-exporter-\(port).log").path
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        exporter.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))  // a file: a full pipe would stall its scrape
        try exporter.run()
        let answer = try consumer.run([
            "python3", "-c",
            """
            import sys, time, urllib.request, urllib.error
            for _ in range(100):
                try:
                    print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode()); sys.exit(0)
                except urllib.error.HTTPError as error:
                    print(error.code, error.read().decode()); sys.exit(3)
                except OSError:
                    time.sleep(0.1)
            sys.exit(2)
            """, "http://127.0.0.1:\(port)/metrics",
        ])
        exporter.terminate()
        exporter.waitUntilExit()
        return (answer.status, answer.output, try String(contentsOfFile: log, encoding: .utf8))
    }

    @Test("two playbooks' textfiles load side by side without errors; two copies of one are refused")
    func sideBySide() throws {
        let site = try FleetFixture(playbook: "site.yml"), network = try FleetFixture(playbook: "network.yml"),
            consumer = try ReportConsumer()
        defer { site.remove(); network.remove(); consumer.remove() }
        let both = consumer.directory.appendingPathComponent("both").path,
            twice = consumer.directory.appendingPathComponent("twice").path
        for directory in [both, twice] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try PrometheusTextfile.render(site.last).write(
            toFile: both + "/trunkline-site.prom", atomically: true, encoding: .utf8)
        try PrometheusTextfile.render(network.last).write(
            toFile: both + "/trunkline-network.prom", atomically: true, encoding: .utf8)
        let metrics = try Self.scrape(both, consumer: consumer)
        #expect(metrics.status == 0, "\(metrics.output.prefix(2000))")
        #expect(
            metrics.output.contains("node_textfile_scrape_error 0") && !metrics.log.contains("level=error"),
            "\(metrics.log)")
        #expect(
            metrics.output.contains(
                "trunkline_drift_hosts{inventory=\"fleet.yml\",playbook=\"network.yml\",status=\"drifted\"} 192"))
        #expect(
            metrics.output.contains(
                "trunkline_drift_hosts{inventory=\"fleet.yml\",playbook=\"site.yml\",status=\"drifted\"} 192"))
        #expect(
            metrics.output.contains(
                "trunkline_drift_host_reachable{host=\"hv401\",inventory=\"fleet.yml\",playbook=\"site.yml\"} 1"))
        if ReportConsumer.promtool != nil {
            let served = metrics.output.split(separator: "\n").filter {
                $0.hasPrefix("trunkline_") || $0.hasPrefix("# HELP trunkline_") || $0.hasPrefix("# TYPE trunkline_")
            }
            let check = try consumer.checkMetrics(served.joined(separator: "\n") + "\n", name: "served.prom")
            #expect(
                served.count > 2_000 && check.status == 0 && check.output.isEmpty,
                "promtool on what node_exporter serves: \(check.output)")
        }

        for name in ["a.prom", "b.prom"] {
            try PrometheusTextfile.render(site.last).write(
                toFile: twice + "/" + name, atomically: true, encoding: .utf8)
        }
        let clash = try Self.scrape(twice, consumer: consumer)
        #expect(
            clash.log.contains("was collected before with the same name and label values"),
            "the collector does refuse duplicates: \(clash.log)")
    }
}
