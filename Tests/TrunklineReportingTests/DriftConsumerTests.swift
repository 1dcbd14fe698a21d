import Foundation
import Testing

@testable import TrunklineReporting

@Suite("Drift report outputs read by their real consumers")
struct DriftConsumerTests {
    /// Merges textfiles the way node_exporter's textfile collector does: every file parsed
    /// (prometheus_client's parser), families of one name must agree on type and help, and no
    /// sample (name and label set) may appear twice, or the scrape fails.
    static let textfileCollector = """
        import sys
        from prometheus_client.parser import text_string_to_metric_families
        families, samples = {}, {}
        for path in sys.argv[1:]:
            for family in text_string_to_metric_families(open(path).read()):
                if families.setdefault(family.name, (family.type, family.documentation)) != (family.type, family.documentation):
                    sys.exit(f"{family.name}: type or help differ between files")
                for sample in family.samples:
                    key = (sample.name, tuple(sorted(sample.labels.items())))
                    if key in samples:
                        sys.exit(f"collected metric {key} was collected before with the same name and label values")
                    samples[key] = sample.value
        for (name, labels), value in sorted(samples.items()):
            print(name, ",".join(f"{k}={v}" for k, v in labels), value)
        """

    @Test(
        "Prometheus: two playbooks' textfiles load side by side; every sample has playbook and inventory; a failed host was reached"
    )
    func prometheusComposes() throws {
        let site = try FleetFixture(playbook: "site.yml"), network = try FleetFixture(playbook: "network.yml"),
            consumer = try ReportConsumer()
        defer { site.remove(); network.remove(); consumer.remove() }
        let files = [
            try consumer.file("site.prom", PrometheusTextfile.render(site.last)),
            try consumer.file("network.prom", PrometheusTextfile.render(network.last)),
        ]
        let merged = try consumer.run(["python3", "-c", Self.textfileCollector] + files)
        #expect(merged.status == 0, "\(merged.output.suffix(500))")
        let lines = merged.output.split(separator: "\n")
        // per file: 4 status counts, 4 statuses × 500 hosts, steps and reboot-pending of the
        // 498 checked, reachability of 500, 4 run figures
        #expect(lines.count == 2 * (4 + 500 * 4 + 498 + 498 + 500 + 4))
        #expect(lines.contains("trunkline_drift_reboot_pending host=hv001,inventory=fleet.yml,playbook=site.yml 0.0"))
        #expect(
            lines.allSatisfy {
                $0.contains("inventory=fleet.yml")
                    && ($0.contains("playbook=site.yml") || $0.contains("playbook=network.yml"))
            })
        #expect(lines.contains("trunkline_drift_hosts inventory=fleet.yml,playbook=network.yml,status=drifted 192.0"))
        #expect(
            lines.contains("trunkline_drift_host_reachable host=hv401,inventory=fleet.yml,playbook=site.yml 1.0"),
            "failed, but reached")
        #expect(lines.contains("trunkline_drift_host_reachable host=hv400,inventory=fleet.yml,playbook=site.yml 0.0"))
        #expect(
            lines.contains(
                "trunkline_drift_host_status host=hv401,inventory=fleet.yml,playbook=site.yml,status=failed 1.0"))
        #expect(
            lines.contains(
                "trunkline_drift_host_status host=hv401,inventory=fleet.yml,playbook=site.yml,status=unreachable 0.0"))
        #expect(lines.contains("trunkline_drift_run_duration_seconds inventory=fleet.yml,playbook=network.yml 42.0"))

        // The old, unlabelled form is what broke: two of them cannot be merged.
        let clash = try consumer.run(["python3", "-c", Self.textfileCollector, files[0], files[0]])
        #expect(clash.status != 0 && clash.output.contains("was collected before"))
    }

    @Test(
        "JUnit: well-formed for xmllint; a test case per host and step, in sync passing, drift failing, the play in classname"
    )
    func junitConsumers() throws {
        let fleet = try FleetFixture(), consumer = try ReportConsumer()
        defer { fleet.remove(); consumer.remove() }
        let path = try consumer.file("junit.xml", JUnitReport.render(fleet.last))
        let lint = try consumer.run(["xmllint", "--noout", path])
        #expect(lint.status == 0 && lint.output.isEmpty, "\(lint.output)")
        let cases = try consumer.run(["xmllint", "--xpath", "count(//testcase)", path])
        #expect(cases.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(498 * 5 + 2)")
        let parsed = try consumer.run([
            "python3", "-c",
            """
            import sys, xml.etree.ElementTree as tree
            root = tree.parse(sys.argv[1]).getroot()
            suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
            print(root.get("tests"), root.get("failures"), root.get("errors"), len(suites))
            for host in ["hv001", "hv121", "hv400"]:
                suite = suites[host]
                print(host, suite.get("hostname"), suite.get("timestamp"), suite.get("time"), suite.get("tests"), suite.get("failures"))
                for case in suite.findall("testcase"):
                    print(" ", case.get("classname"), "|", case.get("name"), "|", "failed" if case.find("failure") is not None else "error" if case.find("error") is not None else "passed")
            """, path,
        ])
        #expect(parsed.status == 0, "\(parsed.output)")
        #expect(
            parsed.output == """
                2492 192 2 500
                hv001 hv001 2027-01-20T08:00:00 42.000 5 1
                  hv001.base | package: chrony | passed
                  hv001.base | file: motd | failed
                  hv001.base | grub_cmdline: kernel command line | passed
                  hv001.network <KVM> | ovs: br-mgmt | passed
                  hv001.network <KVM> | sysctl: bridge netfilter off | passed
                hv121 hv121 2027-01-20T08:00:00 42.000 5 0
                  hv121.base | package: chrony | passed
                  hv121.base | file: motd | passed
                  hv121.base | grub_cmdline: kernel command line | passed
                  hv121.network <KVM> | ovs: br-mgmt | passed
                  hv121.network <KVM> | sysctl: bridge netfilter off | passed
                hv400 hv400 2027-01-20T08:00:00 42.000 1 0
                  hv400 | reachable | error

                """, "\(parsed.output)")
    }

    @Test("the trend chart is well-formed SVG for xmllint, one dot per run and status, escaped run ids")
    func trendSVG() throws {
        let consumer = try ReportConsumer()
        defer { consumer.remove() }
        let points = (1...30).map {
            TrendPoint(
                run: RunReference(
                    id: "r<\($0)>&", startedAt: Date(timeIntervalSince1970: 1_800_000_000 + Double($0) * 86_400)),
                inSync: 400 - $0, drifted: $0, unreachable: $0 % 3, failed: $0 % 2)
        }
        let path = try consumer.file("trend.svg", TrendChart.svg(points))
        let lint = try consumer.run(["xmllint", "--noout", path])
        #expect(lint.status == 0 && lint.output.isEmpty, "\(lint.output)")
        let dots = try consumer.run(["xmllint", "--xpath", "count(//*[local-name()='circle'])", path])
        #expect(dots.output.trimmingCharacters(in: .whitespacesAndNewlines) == "120")
        #expect(TrendChart.svg([]).isEmpty)
    }

    @Test("JUnit trends follow a step: the case that failed on night 4 passes under the same name on night 5")
    func junitTrend() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let night4 = JUnitReport.render(fleet.reports[3]), night5 = JUnitReport.render(fleet.last)
        let fixed = "<testcase classname=\"hv450.base\" name=\"grub_cmdline: kernel command line\""
        #expect(
            night4.contains(
                fixed + ">\n      <failure message=\"drift new: first seen this run\">add biosdevname=0</failure>"))
        #expect(night5.contains(fixed + "/>"))
    }
}
