import Foundation
import Testing

@testable import TrunklineReporting

@Suite("Drift report at fleet scale: 500 hosts, five nights")
struct DriftFleetReportTests {
    static let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent(".build/test-artifacts").path

    @Test(
        "findings: the headline says what is new; drifts grouped by step, new first, shared or per-variant diffs; down hosts oldest first"
    )
    func findings() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let findings = DriftFindings(fleet.last)
        #expect(
            findings.headline
                == "New: 1 drift on 12 hosts, 1 drift resolved on 10 hosts, 1 host newly not checked. 500 hosts: 192 drifted (192 steps), 2 not checked."
        )
        #expect(findings.hasNews)
        #expect(
            findings.new.map(\.name) == ["br-mgmt"] && findings.new[0].hosts.count == 12 && findings.new[0].isShared)
        #expect(findings.ongoing.map(\.name) == ["motd", "bridge netfilter off"])
        #expect(
            findings.ongoing[0].hosts.count == 120 && findings.ongoing[0].isShared
                && findings.ongoing[0].since.id == "night1")
        #expect(
            findings.ongoing[1].variants.map(\.hosts.count) == [30, 30] && findings.ongoing[1].since.id == "night3")
        #expect(
            findings.resolved.map(\.name) == ["kernel command line"]
                && findings.resolved[0].hosts == (450...459).map { "hv\($0)" })
        #expect(findings.unchecked.map(\.host) == ["hv400", "hv401"])
        #expect(fleet.last.hosts[399].downSince?.id == "night2" && fleet.last.hosts[400].downSince?.id == "night5")
        #expect(
            RelativeAge.since(findings.ongoing[0].since, now: fleet.last.run) == "since 4 nights, first seen night1")
        #expect(DownTime.text(fleet.last.hosts[399], now: fleet.last.run) == "for 3 nights (since night2)")
        #expect(DownTime.text(fleet.last.hosts[400], now: fleet.last.run) == "since this run")
        let quiet = DriftFindings(fleet.reports[1])
        #expect(quiet.headline == "New: 1 host newly not checked. 500 hosts: 120 drifted (120 steps), 1 not checked.")
        #expect(DriftFindings(fleet.reports[2]).headline.hasPrefix("New: 1 drift on 60 hosts. "))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let calm = DriftReport(
            run: DriftRun(
                id: "r", startedAt: start, finishedAt: start, playbook: "p", inventory: "i",
                observations: [HostObservation(host: "a", status: .inSync)]))
        #expect(
            DriftFindings(calm).headline == "Nothing new. 1 host: every checked host in sync."
                && !DriftFindings(calm).hasNews)
        #expect(
            DriftHTML.render(calm).contains("<p class=\"headline quiet\">Nothing new.")
                && DriftHTML.render(calm).contains(
                    "<h2>Drifted steps</h2>\n<p>None: every host that answered is in sync.</p>")
        )
    }

    @Test("host lists collapse numbered runs into ranges and cut after a limit")
    func hostList() {
        #expect(
            HostList.ranges(["hv001", "hv002", "hv003", "hv010", "db1", "db2", "web", "hv011"]) == [
                "hv001–hv003", "hv010", "db1–db2", "web", "hv011",
            ])
        #expect(HostList.compact(["a1", "a3", "a5", "a7"], limit: 2) == "a1, a3 … and 2 more")
        #expect(HostList.compact(["hv9", "hv10"]) == "hv9, hv10", "a range keeps one width")
    }

    @Test("relative ages: minutes, hours, then nights from 20 hours on")
    func relativeAge() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let seconds: [Double] = [10, 150, 7200, 68_400, 72_000, 259_800]
        let spans = seconds.map { RelativeAge.span(from: start, to: start + $0) }
        #expect(spans == ["1 minute", "2 minutes", "2 hours", "19 hours", "1 night", "3 nights"])
    }

    @Test(
        "HTML: headline first, then new drifts, drifts seen before, resolved, not checked; one row per step; a 30-run trend"
    )
    func html() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let page = DriftHTML.render(fleet.last, trend: fleet.trend)
        let order = [
            "class=\"headline news\"", "<svg class=\"trend\"", "<h2 id=\"new\">New drifts", "<h2 id=\"ongoing\">",
            "<h2 id=\"resolved\">", "<h2 id=\"unchecked\">",
        ]
        let positions = order.map { page.range(of: $0)?.lowerBound }
        #expect(
            !positions.contains(nil) && positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(order)")
        #expect(
            page.components(separatedBy: "<tr><td><b>").count - 1 == 4,
            "three drifted steps, one resolved: one row each")
        #expect(
            page.contains("120 hosts: <code>hv001–hv120</code>") && page.contains("since 4 nights, first seen night1"))
        #expect(
            page.contains("<code>hv200–hv229</code>: update /etc/sysctl.d/90-bridge.conf")
                && page.contains("<code>hv230–hv259</code>: update"))
        #expect(page.components(separatedBy: "Managed by Trunkline").count - 1 == 1, "one shared diff for 120 hosts")
        #expect(
            page.contains(
                "<td><code>hv400</code></td><td>unreachable</td><td class=\"since\">for 3 nights (since night2)</td>"))
        #expect(
            page.components(separatedBy: "<circle").count - 1 == 4 * 5
                && page.contains("<title>night5: 2 drifted</title>") == false)
        #expect(
            page.contains("<title>night5: 192 drifted</title>") && page.contains("<title>night2: 1 unreachable</title>")
        )
        #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href="))
        #expect(page.utf8.count < 60_000, "\(page.utf8.count) bytes")
    }

    @Test("Markdown: the same order, grouped by step with its host ranges, one diff per distinct change")
    func markdown() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let text = DriftMarkdown.render(fleet.last)
        #expect(
            text.hasPrefix(
                "# Drift report night5\n\n**New: 1 drift on 12 hosts, 1 drift resolved on 10 hosts, 1 host newly not checked."
            ))
        let order = [
            "## New drifts", "### ovs: br-mgmt", "## Drifted steps seen before", "### file: motd",
            "### sysctl: bridge netfilter off",
            "## Resolved since the previous run", "## Not checked",
        ]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(text.contains("network <KVM> · 12 hosts: hv300–hv311 · new: first seen this run"))
        #expect(
            text.contains(
                "base · 120 hosts: hv001–hv120 · since 4 nights, first seen night1\n\n- update /etc/motd\n\n  ```diff\n  --- a/etc/motd"
            ))
        #expect(
            text.contains(
                "On hv200–hv229:\n\n- update /etc/sysctl.d/90-bridge.conf\n\n  ```diff\n  -net.bridge.bridge-nf-call-iptables=1"
            ))
        #expect(
            text.contains(
                "- **grub_cmdline: kernel command line** (base) on 10 hosts: hv450–hv459; had drifted since 1 night, first seen night4"
            ))
        #expect(
            text.contains(
                "## Not checked\n\n- hv400: unreachable for 3 nights (since night2) — timeout: no answer on port 22\n- hv401: failed since this run"
            ))
        #expect(text.split(separator: "\n").count < 80, "500 hosts, three drifts: a short mail")
    }

    @Test("the history keeps each playbook's drifts apart: another playbook's run neither resolves nor restarts them")
    func playbooksShareHistory() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-shared-\(UUID().uuidString)/history.sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let history = try DriftHistory(path: path)
        func run(_ night: Int, _ playbook: String, _ observation: HostObservation) throws -> DriftReport {
            let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(night) * 86_400)
            return try history.record(
                DriftRun(
                    id: "\(playbook)-\(night)", startedAt: start, finishedAt: start + 1, playbook: playbook,
                    inventory: "i.yml", observations: [observation]))
        }
        _ = try run(1, "site.yml", HostObservation(host: "a", status: .drifted, drifts: [FleetFixture.motd]))
        let other = try run(1, "network.yml", HostObservation(host: "a", status: .inSync))
        #expect(other.resolved.isEmpty && other.previousRun == nil)
        let again = try run(2, "site.yml", HostObservation(host: "a", status: .drifted, drifts: [FleetFixture.motd]))
        #expect(
            again.hosts[0].drifts[0].since.id == "site.yml-1" && !again.hosts[0].drifts[0].isNew
                && again.previousRun?.id == "site.yml-1")
        #expect(
            try history.trend(playbook: "site.yml", inventory: "i.yml").map(\.run.id) == ["site.yml-1", "site.yml-2"])
    }

    @Test(
        "headless Chromium: no console errors, a screenshot, and at 500 hosts the grouped tables fit in two screens",
        arguments: ["numbered", "scattered"])
    func chromium(_ naming: String) throws {
        let fleet = try FleetFixture(hosts: naming == "numbered" ? FleetFixture.hosts : FleetFixture.scattered),
            consumer = try ReportConsumer()
        defer { fleet.remove(); consumer.remove() }
        let page = DriftHTML.render(fleet.last, trend: fleet.trend)
        let html = try consumer.file("drift.html", page)
        try FileManager.default.createDirectory(atPath: Self.artifacts, withIntermediateDirectories: true)
        let screenshot = Self.artifacts + "/drift-report-500-\(naming)-hosts.png"
        try? FileManager.default.removeItem(atPath: screenshot)
        let shot = try consumer.chromium(["--screenshot=\(screenshot)", "file://\(html)"], height: 1800)
        #expect(
            shot.status == 0 && !shot.output.contains("CONSOLE") && !shot.output.contains("Uncaught"), "\(shot.output)")
        let png = try #require(FileManager.default.contents(atPath: screenshot))
        #expect(png.count > 10_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        try page.write(
            toFile: Self.artifacts + "/drift-report-500-\(naming)-hosts.html", atomically: true, encoding: .utf8)

        // A copy with a measuring script (the report itself has none) writes the layout into the DOM.
        let measure = """
            <script>
            const box = s => document.querySelector(s).getBoundingClientRect();
            document.body.dataset.layout = [box('#new').top, box('table.ongoing').bottom, box('table.unchecked').bottom, innerHeight].map(Math.round).join(' ');
            </script>
            """
        let measured = try consumer.file(
            "measured.html", page.replacingOccurrences(of: "</body>", with: measure + "</body>"))
        let dom = try consumer.chromium(["--dump-dom", "file://\(measured)"])
        let layout = try #require(dom.output.components(separatedBy: "data-layout=\"").dropFirst().first).prefix {
            $0 != "\""
        }.split(separator: " ").compactMap { Int($0) }
        try #require(layout.count == 4, "\(dom.output.suffix(2000))")
        let (newTop, groupedBottom, uncheckedBottom, screen) = (layout[0], layout[1], layout[2], layout[3])
        #expect(screen > 600 && newTop < screen, "the new drifts start on the first screen: \(layout)")
        #expect(groupedBottom <= 2 * screen, "the grouped drift tables end within two screens: \(layout)")
        #expect(uncheckedBottom <= 3 * screen, "\(layout)")
        #expect(dom.output.contains("120 hosts: <code>") && dom.output.contains("<details>"))
        #expect(
            naming == "numbered"
                ? dom.output.contains("120 hosts: <code>hv001–hv120</code>")
                : dom.output.contains("… and 116 more</code></summary>"))
    }
}
