import Foundation
import Testing
@testable import TrunklineReporting

@Suite("Drift report outputs")
struct DriftRenderingTests {
    static var report: DriftReport {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let drift = StepDrift(play: "CloudStack <KVM>", index: 11, kind: "sysctl", name: "bridge \"netfilter\" off",
                              changes: [DriftChange(summary: "update /etc/sysctl.d/90.conf", diff: "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a=1\n+a=0 & <b>\n")])
        return DriftReport(run: DriftRun(id: "r1", startedAt: start, finishedAt: start + 2.5, playbook: "p.yml", inventory: "i.yml", observations: [
            HostObservation(host: "hv01", status: .inSync),
            HostObservation(host: "hv02", status: .drifted, drifts: [drift]),
            HostObservation(host: "hv03", status: .unreachable, reason: "unreachable: no route"),
        ]))
    }

    @Test("JSON has the documented schema and reads back")
    func json() throws {
        let bytes = try DriftJSON.render(Self.report)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"schema\" : \"trunkline.drift/1\"") && text.contains("\"in_sync\" : 1") && text.contains("\"started_at\" : \"2027-01-15T08:00:00.000Z\""))
        #expect(text.contains("\"new\" : true") && text.contains("\"exit_code\" : 6"))
        #expect(try DriftJSON.parse(bytes) == Self.report)
    }

    @Test("HTML is one page with no external assets or scripts, every text escaped, drifts folded in details")
    func html() {
        let page = DriftHTML.render(Self.report)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href="))
        #expect(page.contains("bridge &quot;netfilter&quot; off") && page.contains("CloudStack &lt;KVM&gt;"))
        #expect(page.contains("<span class=\"add\">+a=0 &amp; &lt;b&gt;</span>"))
        #expect(page.contains("<details><summary>") && page.contains("unreachable: no route"))
    }

    @Test("Markdown lists drifted hosts with diffs and the hosts not checked")
    func markdown() {
        let text = DriftMarkdown.render(Self.report)
        #expect(text.contains("| 3 | 1 | 1 | 1 | 0 | 1 | 1 | 0 |"))
        #expect(text.contains("### hv02") && text.contains("    ```diff\n    --- a/x") && text.contains("- hv03: unreachable — unreachable: no route"))
    }

    @Test("Prometheus textfile: HELP and TYPE per family, labels escaped, a sample per status")
    func prometheus() {
        let text = PrometheusTextfile.render(Self.report)
        #expect(text.contains("# TYPE trunkline_drift_hosts gauge\ntrunkline_drift_hosts{status=\"in_sync\"} 1\ntrunkline_drift_hosts{status=\"drifted\"} 1\ntrunkline_drift_hosts{status=\"unreachable\"} 1\ntrunkline_drift_hosts{status=\"failed\"} 0\n"))
        #expect(text.contains("trunkline_drift_steps{host=\"hv02\"} 1") && !text.contains("trunkline_drift_steps{host=\"hv03\"}"))
        #expect(text.contains("trunkline_drift_run_duration_seconds 2.500"))
        #expect(text.contains("trunkline_drift_last_success_timestamp_seconds 1800000002.500"))
        #expect(PrometheusTextfile.label("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
    }

    @Test("JUnit: a failing test per drifted step, an error per host not checked, a pass per host in sync")
    func junit() {
        let xml = JUnitReport.render(Self.report)
        #expect(xml.contains("<testsuites name=\"trunkline drift r1\" tests=\"3\" failures=\"1\" errors=\"1\""))
        #expect(xml.contains("<testcase classname=\"hv01\" name=\"in sync\"/>"))
        #expect(xml.contains("<testcase classname=\"hv02\" name=\"sysctl: bridge &quot;netfilter&quot; off\">"))
        #expect(xml.contains("<error message=\"unreachable: unreachable: no route\"/>"))
    }

    @Test("escaping covers markup characters and control characters XML forbids")
    func escaping() {
        #expect(MarkupText.escape("<a href='x'>&\"\u{1B}\t") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;\u{FFFD}\t")
    }

    @Test("report files are replaced atomically with their mode")
    func atomicWrite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-report-\(UUID().uuidString)/m.prom").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try ReportFile.write(Array("a 1\n".utf8), to: path)
        try ReportFile.write(Array("a 2\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a 2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == ["m.prom"])
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o644)
    }
}
