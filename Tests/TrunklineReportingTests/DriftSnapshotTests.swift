import Foundation
import Testing

@testable import TrunklineReporting

@Suite("Drift report snapshots: whole Markdown, JUnit and HTML body of a small fleet")
struct DriftSnapshotTests {
    static func check(_ name: String, _ actual: String, _ expected: String) {
        if actual != expected {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-snapshot-\(name)").path
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("\(name) differs from its snapshot; the actual output is in \(path)")
        }
    }

    @Test("Markdown")
    func markdown() throws {
        let (report, _) = try DriftSnapshotFixture.report()
        Self.check("drift.md", DriftMarkdown.render(report), Self.markdown)
    }

    @Test("JUnit")
    func junit() throws {
        let (report, _) = try DriftSnapshotFixture.report()
        Self.check("junit.xml", JUnitReport.render(report), Self.junit)
    }

    @Test("HTML from the headline on (the style sheet aside)")
    func html() throws {
        let (report, trend) = try DriftSnapshotFixture.report()
        let page = DriftHTML.render(report, trend: trend)
        Self.check("drift.html", String(page[try #require(page.range(of: "<h1>")).lowerBound...]), Self.html)
    }

    static let markdown = """
        # Drift report n3

        **New: 1 drift on 2 hosts, 1 drift resolved on 1 host. 8 hosts: 5 drifted (5 steps), 1 not checked.**

        Playbook `site.yml` on inventory `lab.yml`, 2027-01-18 08:00:00 UTC, 12.5 s.

        | new | resolved | hosts | in sync | drifted | unreachable | failed | drifted steps |
        | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        | 2 | 1 | 8 | 2 | 5 | 1 | 0 | 5 |

        ## New drifts

        ### sysctl: forwarding

        net · 2 hosts: hv04–hv05 · new: first seen this run

        On hv04:

        - set net.ipv4.ip_forward

          ```diff
          -0
          +1
          ```

        On hv05:

        - set net.ipv4.ip_forward

          ```diff
          -2
          +1
          ```

        ## Drifted steps seen before

        ### file: motd

        base · 3 hosts: hv01–hv03 · since 2 nights, first seen n1

        - update /etc/motd

          ```diff
          --- a/etc/motd
          +++ b/etc/motd
          @@ -1 +1 @@
          -hi
          +Managed <here>
          ```

        ## Resolved since the previous run

        - **grub_cmdline: kernel command line** (base) on 1 host: hv06; had drifted since 1 night, first seen n2

        ## Not checked

        - hv07: unreachable for 1 night (since n2) — timeout: no answer

        """
    static let junit = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="trunkline drift n3" tests="22" failures="5" errors="1" time="12.500">
          <testsuite name="hv01" hostname="hv01" timestamp="2027-01-18T08:00:00" time="12.500" tests="3" failures="1" errors="0" skipped="0">
            <testcase classname="hv01.base" name="file: motd">
              <failure message="drift since 2 nights, first seen n1">update /etc/motd
        --- a/etc/motd
        +++ b/etc/motd
        @@ -1 +1 @@
        -hi
        +Managed &lt;here&gt;
        </failure>
            </testcase>
            <testcase classname="hv01.base" name="grub_cmdline: kernel command line"/>
            <testcase classname="hv01.net" name="sysctl: forwarding"/>
          </testsuite>
          <testsuite name="hv02" hostname="hv02" timestamp="2027-01-18T08:00:00" time="12.500" tests="3" failures="1" errors="0" skipped="0">
            <testcase classname="hv02.base" name="file: motd">
              <failure message="drift since 2 nights, first seen n1">update /etc/motd
        --- a/etc/motd
        +++ b/etc/motd
        @@ -1 +1 @@
        -hi
        +Managed &lt;here&gt;
        </failure>
            </testcase>
            <testcase classname="hv02.base" name="grub_cmdline: kernel command line"/>
            <testcase classname="hv02.net" name="sysctl: forwarding"/>
          </testsuite>
          <testsuite name="hv03" hostname="hv03" timestamp="2027-01-18T08:00:00" time="12.500" tests="3" failures="1" errors="0" skipped="0">
            <testcase classname="hv03.base" name="file: motd">
              <failure message="drift since 2 nights, first seen n1">update /etc/motd
        --- a/etc/motd
        +++ b/etc/motd
        @@ -1 +1 @@
        -hi
        +Managed &lt;here&gt;
        </failure>
            </testcase>
            <testcase classname="hv03.base" name="grub_cmdline: kernel command line"/>
            <testcase classname="hv03.net" name="sysctl: forwarding"/>
          </testsuite>
          <testsuite name="hv04" hostname="hv04" timestamp="2027-01-18T08:00:00" time="12.500" tests="3" failures="1" errors="0" skipped="0">
            <testcase classname="hv04.base" name="file: motd"/>
            <testcase classname="hv04.base" name="grub_cmdline: kernel command line"/>
            <testcase classname="hv04.net" name="sysctl: forwarding">
              <failure message="drift new: first seen this run">set net.ipv4.ip_forward
        -0
        +1
        </failure>
            </testcase>
          </testsuite>
          <testsuite name="hv05" hostname="hv05" timestamp="2027-01-18T08:00:00" time="12.500" tests="3" failures="1" errors="0" skipped="0">
            <testcase classname="hv05.base" name="file: motd"/>
            <testcase classname="hv05.base" name="grub_cmdline: kernel command line"/>
            <testcase classname="hv05.net" name="sysctl: forwarding">
              <failure message="drift new: first seen this run">set net.ipv4.ip_forward
        -2
        +1
        </failure>
            </testcase>
          </testsuite>
          <testsuite name="hv06" hostname="hv06" timestamp="2027-01-18T08:00:00" time="12.500" tests="3" failures="0" errors="0" skipped="0">
            <testcase classname="hv06.base" name="file: motd"/>
            <testcase classname="hv06.base" name="grub_cmdline: kernel command line"/>
            <testcase classname="hv06.net" name="sysctl: forwarding"/>
          </testsuite>
          <testsuite name="hv07" hostname="hv07" timestamp="2027-01-18T08:00:00" time="12.500" tests="1" failures="0" errors="1" skipped="0">
            <testcase classname="hv07" name="reachable">
              <error message="unreachable: timeout: no answer"/>
            </testcase>
          </testsuite>
          <testsuite name="hv08" hostname="hv08" timestamp="2027-01-18T08:00:00" time="12.500" tests="3" failures="0" errors="0" skipped="0">
            <testcase classname="hv08.base" name="file: motd"/>
            <testcase classname="hv08.base" name="grub_cmdline: kernel command line"/>
            <testcase classname="hv08.net" name="sysctl: forwarding"/>
          </testsuite>
        </testsuites>

        """
    static let html = """
        <h1>Drift report</h1>
        <p class="headline news">New: 1 drift on 2 hosts, 1 drift resolved on 1 host. 8 hosts: 5 drifted (5 steps), 1 not checked.</p>
        <p class="meta">Run <code>n3</code> · 2027-01-18 08:00:00 UTC · playbook <code>site.yml</code> · inventory <code>lab.yml</code> · 12.5 s</p>
        <div class="cards">
        <div class="card c-new"><b>2</b>new</div>
        <div class="card c-resolved"><b>1</b>resolved</div>
        <div class="card c-hosts"><b>8</b>hosts</div>
        <div class="card c-in_sync"><b>2</b>in sync</div>
        <div class="card c-drifted"><b>5</b>drifted</div>
        <div class="card c-unreachable"><b>1</b>unreachable</div>
        <div class="card c-failed"><b>0</b>failed</div>
        <div class="card c-steps"><b>5</b>drifted steps</div>
        </div>
        <h2>Trend</h2>
        <svg class="trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720.0 180.0" width="720.0" height="180.0" role="img" aria-label="hosts by status over the last 3 runs">
        <line x1="40.0" y1="156.0" x2="610.0" y2="156.0" stroke="#9aa3ad"/>
        <text x="34.0" y="14.0" text-anchor="end" font-size="11" fill="#5b6470">5</text>
        <text x="34.0" y="160.0" text-anchor="end" font-size="11" fill="#5b6470">0</text>
        <text x="40.0" y="174.0" text-anchor="start" font-size="11" fill="#5b6470">2027-01-16</text>
        <text x="610.0" y="174.0" text-anchor="end" font-size="11" fill="#5b6470">2027-01-18</text>
        <polyline fill="none" stroke="#1a7f37" stroke-width="2" points="40.0,10.0 325.0,68.4 610.0,97.6"/>
        <circle cx="40.0" cy="10.0" r="2.5" fill="#1a7f37"><title>n1: 5 in sync</title></circle>
        <circle cx="325.0" cy="68.4" r="2.5" fill="#1a7f37"><title>n2: 3 in sync</title></circle>
        <circle cx="610.0" cy="97.6" r="2.5" fill="#1a7f37"><title>n3: 2 in sync</title></circle>
        <text x="620.0" y="22.0" fill="#1a7f37" font-size="12">in sync 2</text>
        <polyline fill="none" stroke="#b35900" stroke-width="2" points="40.0,68.4 325.0,39.2 610.0,10.0"/>
        <circle cx="40.0" cy="68.4" r="2.5" fill="#b35900"><title>n1: 3 drifted</title></circle>
        <circle cx="325.0" cy="39.2" r="2.5" fill="#b35900"><title>n2: 4 drifted</title></circle>
        <circle cx="610.0" cy="10.0" r="2.5" fill="#b35900"><title>n3: 5 drifted</title></circle>
        <text x="620.0" y="40.0" fill="#b35900" font-size="12">drifted 5</text>
        <polyline fill="none" stroke="#c62828" stroke-width="2" points="40.0,156.0 325.0,126.8 610.0,126.8"/>
        <circle cx="40.0" cy="156.0" r="2.5" fill="#c62828"><title>n1: 0 unreachable</title></circle>
        <circle cx="325.0" cy="126.8" r="2.5" fill="#c62828"><title>n2: 1 unreachable</title></circle>
        <circle cx="610.0" cy="126.8" r="2.5" fill="#c62828"><title>n3: 1 unreachable</title></circle>
        <text x="620.0" y="58.0" fill="#c62828" font-size="12">unreachable 1</text>
        <polyline fill="none" stroke="#7b1fa2" stroke-width="2" points="40.0,156.0 325.0,156.0 610.0,156.0"/>
        <circle cx="40.0" cy="156.0" r="2.5" fill="#7b1fa2"><title>n1: 0 failed</title></circle>
        <circle cx="325.0" cy="156.0" r="2.5" fill="#7b1fa2"><title>n2: 0 failed</title></circle>
        <circle cx="610.0" cy="156.0" r="2.5" fill="#7b1fa2"><title>n3: 0 failed</title></circle>
        <text x="620.0" y="76.0" fill="#7b1fa2" font-size="12">failed 0</text>
        </svg>
        <h2 id="new">New drifts</h2>
        <table class="new">
        <tr><th>step</th><th>hosts</th><th>since</th><th>changes</th></tr>
        <tr><td><b>sysctl: forwarding</b><br><span class="since">net</span></td><td>2 hosts: <code>hv04–hv05</code></td><td class="since">new: first seen this run</td><td><details><summary><code>hv04</code>: set net.ipv4.ip_forward</summary>
        <pre><span class="del">-0</span>
        <span class="add">+1</span></pre>
        </details><details><summary><code>hv05</code>: set net.ipv4.ip_forward</summary>
        <pre><span class="del">-2</span>
        <span class="add">+1</span></pre>
        </details></td></tr>
        </table>
        <h2 id="ongoing">Drifted steps seen before</h2>
        <table class="ongoing">
        <tr><th>step</th><th>hosts</th><th>since</th><th>changes</th></tr>
        <tr><td><b>file: motd</b><br><span class="since">base</span></td><td>3 hosts: <code>hv01–hv03</code></td><td class="since">since 2 nights, first seen n1</td><td><details><summary>update /etc/motd</summary>
        <pre>--- a/etc/motd
        +++ b/etc/motd
        <span class="hunk">@@ -1 +1 @@</span>
        <span class="del">-hi</span>
        <span class="add">+Managed &lt;here&gt;</span></pre>
        </details></td></tr>
        </table>
        <h2 id="resolved">Resolved since the previous run</h2>
        <table class="resolved">
        <tr><th>step</th><th>hosts</th><th>had drifted</th></tr>
        <tr><td><b>grub_cmdline: kernel command line</b><br><span class="since">base</span></td><td>1 host: <code>hv06</code></td><td class="since">since 1 night, first seen n2</td></tr>
        </table>
        <h2 id="unchecked">Not checked</h2>
        <table class="unchecked">
        <tr><th>host</th><th>status</th><th>down</th><th>reason</th></tr>
        <tr><td><code>hv07</code></td><td>unreachable</td><td class="since">for 1 night (since n2)</td><td>timeout: no answer</td></tr>
        </table>
        </body>
        </html>

        """
}
