import Foundation
import Testing
import TrunklineCore

@testable import TrunklineReporting

@Suite("Drift report outputs")
struct DriftRenderingTests {
    static var report: DriftReport {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let drift = StepDrift(
            play: "CloudStack <KVM>", index: 11, kind: "sysctl", name: "bridge \"netfilter\" off",
            changes: [
                DriftChange(
                    summary: "update /etc/sysctl.d/90.conf", diff: "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a=1\n+a=0 & <b>\n")
            ])
        return DriftReport(
            run: DriftRun(
                id: "r1", startedAt: start, finishedAt: start + 2.5, playbook: "p.yml", inventory: "i.yml",
                observations: [
                    HostObservation(
                        host: "hv01", status: .inSync,
                        inSyncSteps: [
                            CheckedStep(
                                play: "CloudStack <KVM>", index: 11, kind: "sysctl", name: "bridge \"netfilter\" off")
                        ]),
                    HostObservation(
                        host: "hv02", status: .drifted, drifts: [drift],
                        inSyncSteps: [CheckedStep(play: "CloudStack <KVM>", index: 2, kind: "file", name: "motd")]),
                    HostObservation(host: "hv03", status: .unreachable, reason: "unreachable: no route"),
                ]))
    }

    @Test("JSON has the documented schema and reads back")
    func json() throws {
        let bytes = try DriftJSON.render(Self.report)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            text.contains("\"schema\" : \"trunkline.drift/1\"") && text.contains("\"in_sync\" : 1")
                && text.contains("\"started_at\" : \"2027-01-15T08:00:00.000Z\""))
        #expect(text.contains("\"new\" : true") && text.contains("\"exit_code\" : 6"))
        #expect(try DriftJSON.parse(bytes) == Self.report)
        let older = text.replacingOccurrences(of: "\"in_sync_steps\" :", with: "\"unknown\" :").replacingOccurrences(
            of: "\"down_since\" :", with: "\"unknown2\" :")
        #expect(
            try DriftJSON.parse(Array(older.utf8)).hosts.map(\.inSyncSteps.count) == [0, 0, 0],
            "a report from before in_sync_steps still reads")
    }

    @Test("HTML is one page with no external assets or scripts, every text escaped, drifts folded in details")
    func html() {
        let page = DriftHTML.render(Self.report)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href="))
        #expect(page.contains("bridge &quot;netfilter&quot; off") && page.contains("CloudStack &lt;KVM&gt;"))
        #expect(page.contains("<span class=\"add\">+a=0 &amp; &lt;b&gt;</span>"))
        #expect(page.contains("<details><summary>") && page.contains("unreachable: no route"))
        #expect(
            page.contains(
                "<p class=\"headline news\">New: 1 drift on 1 host, 1 host newly not checked. 3 hosts: 1 drifted (1 step), 1 not checked.</p>"
            ))
        #expect(page.contains("<svg class=\"trend\"") && page.contains("<title>r1: 1 in sync</title>"))
    }

    @Test("Markdown lists drifted hosts with diffs and the hosts not checked")
    func markdown() {
        let text = DriftMarkdown.render(Self.report)
        #expect(text.contains("| 1 | 0 | 3 | 1 | 1 | 1 | 0 | 1 |"))
        #expect(
            text.contains(
                "## New drifts\n\n### sysctl: bridge \"netfilter\" off\n\nCloudStack <KVM> · 1 host: hv02 · new: first seen this run"
            ))
        #expect(
            text.contains("  ```diff\n  --- a/x")
                && text.contains("- hv03: unreachable since this run — unreachable: no route"))
    }

    @Test("Prometheus textfile: HELP and TYPE per family, labels escaped, a sample per status")
    func prometheus() {
        let text = PrometheusTextfile.render(Self.report)
        let run = "playbook=\"p.yml\",inventory=\"i.yml\""
        #expect(
            text.contains(
                "# TYPE trunkline_drift_hosts gauge\ntrunkline_drift_hosts{\(run),status=\"in_sync\"} 1\ntrunkline_drift_hosts{\(run),status=\"drifted\"} 1\ntrunkline_drift_hosts{\(run),status=\"unreachable\"} 1\ntrunkline_drift_hosts{\(run),status=\"failed\"} 0\n"
            ))
        #expect(
            text.contains("trunkline_drift_steps{\(run),host=\"hv02\"} 1")
                && !text.contains("trunkline_drift_steps{\(run),host=\"hv03\"}"))
        #expect(text.contains("trunkline_drift_host_status{\(run),host=\"hv03\",status=\"unreachable\"} 1"))
        #expect(text.contains("trunkline_drift_run_duration_seconds{\(run)} 2.500"))
        #expect(text.contains("trunkline_drift_last_success_timestamp_seconds{\(run)} 1800000002.500"))
        #expect(PrometheusTextfile.label("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
        #expect(PrometheusTextfile.label("a\"\u{301}\r\nb") == "a\\\"\u{301}\r\\nb")
    }

    @Test("JUnit: a test per host and checked step (in sync passes, drift fails), an error per host not checked")
    func junit() {
        let xml = JUnitReport.render(Self.report)
        #expect(xml.contains("<testsuites name=\"trunkline drift r1\" tests=\"4\" failures=\"1\" errors=\"1\""))
        #expect(
            xml.contains(
                "<testsuite name=\"hv01\" hostname=\"hv01\" timestamp=\"2027-01-15T08:00:00\" time=\"2.500\" tests=\"1\""
            ))
        #expect(
            xml.contains(
                "<testcase classname=\"hv01.CloudStack &lt;KVM&gt;\" name=\"sysctl: bridge &quot;netfilter&quot; off\"/>"
            ))
        #expect(
            xml.contains(
                "<testcase classname=\"hv02.CloudStack &lt;KVM&gt;\" name=\"file: motd\"/>\n    <testcase classname=\"hv02.CloudStack &lt;KVM&gt;\" name=\"sysctl: bridge &quot;netfilter&quot; off\">"
            ))
        #expect(xml.contains("<error message=\"unreachable: unreachable: no route\"/>"))
    }

    @Test("escaping covers markup characters and control characters XML forbids")
    func escaping() {
        #expect(MarkupText.escaped("<a href='x'>&\"\u{1B}\t") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;\u{FFFD}\t")
    }

    @Test("report files are replaced atomically with their mode")
    func atomicWrite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-report-\(UUID().uuidString)/m.prom"
        ).path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try ReportFile.write(Array("a 1\n".utf8), to: path)
        try ReportFile.write(Array("a 2\n".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a 2\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == [
                "m.prom"
            ])
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o644)
        try ReportFile.write(Array("a 3\n".utf8), to: path, mode: 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test("a report file that cannot replace what is there fails and leaves no temporary file")
    func failedWrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-report-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/m.prom/inside", withIntermediateDirectories: true)
        #expect {
            try ReportFile.write(Array("a 1\n".utf8), to: directory + "/m.prom")
        } throws: { error in
            error.localizedDescription == directory + "/m.prom: is a directory"
        }
        try ReportFile.write(Array("a 1\n".utf8), to: directory + "/unsynced.prom", synced: false)
        #expect(try String(contentsOfFile: directory + "/unsynced.prom", encoding: .utf8) == "a 1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["m.prom", "unsynced.prom"])
    }
}
