import Foundation
import Testing

@testable import TrunklineReporting

/// promtool (Debian's `prometheus` package, or `TRUNKLINE_PROMTOOL`) on the drift textfiles and on
/// the alert rules in contrib/prometheus; skipped without it.
@Suite("Prometheus: promtool on the drift textfiles and the alert rules", .enabled(if: ReportConsumer.promtool != nil))
struct PrometheusRulesTests {
    static let contrib = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("contrib/prometheus").path

    @Test("each playbook's textfile passes promtool check metrics, and promtool does refuse a lint problem")
    func textfiles() throws {
        let site = try FleetFixture(playbook: "site.yml"), network = try FleetFixture(playbook: "network.yml"),
            consumer = try ReportConsumer()
        defer { site.remove(); network.remove(); consumer.remove() }
        for fleet in [site, network] {
            let check = try consumer.checkMetrics(
                PrometheusTextfile.render(fleet.last), name: "trunkline-\(fleet.last.playbook).prom")
            #expect(check.status == 0 && check.output.isEmpty, "\(fleet.last.playbook): \(check.output)")
        }
        let lint = try consumer.checkMetrics(
            "# HELP trunkline_x x\n# TYPE trunkline_x counter\ntrunkline_x 1\n", name: "lint.prom")
        #expect(lint.status != 0 && lint.output.contains("_total"), "\(lint.output)")
    }

    @Test(
        "the alert rules load, and their unit tests pass (new drift, 3 days of drift, unreachable, failed, reboot, stale)"
    )
    func rules() throws {
        let consumer = try ReportConsumer()
        defer { consumer.remove() }
        let promtool = try #require(ReportConsumer.promtool)
        let check = try consumer.run([promtool, "check", "rules", Self.contrib + "/trunkline-drift.rules.yml"])
        #expect(check.status == 0 && check.output.contains("SUCCESS: 6 rules found"), "\(check.output)")
        let test = try consumer.run([
            "sh", "-c", "cd \"$1\" && exec \"$0\" test rules trunkline-drift.rules.test.yml", promtool, Self.contrib,
        ])
        #expect(test.status == 0 && test.output.contains("SUCCESS"), "\(test.output)")
    }

    @Test("every metric the alert rules name is one the textfile writes")
    func rulesNameWrittenMetrics() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let rules = try String(contentsOfFile: Self.contrib + "/trunkline-drift.rules.yml", encoding: .utf8)
        let named = Set(
            rules.matches(of: try Regex("expr:.*?(trunkline_[a-z_]+)")).compactMap {
                $0.output[1].substring.map(String.init)
            })
        let written = PrometheusTextfile.render(fleet.last)
        #expect(named.count == 5, "\(named.sorted())")
        for metric in named { #expect(written.contains("# TYPE \(metric) gauge"), "\(metric)") }
    }
}
