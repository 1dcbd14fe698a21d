import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineRun

extension LabFleetSuites {
    /// Fleet rollout and the nightly drift report, through the `trunkline` executable on lab hosts
    /// hv07..hv26 (20 hosts, mixed distros; hv01..hv06 belong to the other lab tests).
    @Suite("rollout and drift on the lab fleet")
    struct LabDriftTests {
        static let fleet = (7...26).map { String(format: "hv%02d", $0) }
        static let artifacts = LabEngineTests.repository.appendingPathComponent(".build/test-artifacts").path

        /// A scratch directory for one test's state (runs, history, reports).
        final class State {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-drift-\(UUID().uuidString)"
            ).path
            init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
            deinit { try? FileManager.default.removeItem(atPath: path) }
        }

        func cloudstack(
            _ lab: LabFleet, _ command: String, limit: [String] = fleet, _ extra: [String] = []
        ) -> LabEngineTests.Run {
            LabEngineTests.execute(
                [command, "-i", lab.run + "/inventory.yml", "--limit", limit.joined(separator: ",")] + extra
                    + [
                        "-e",
                        "@" + LabEngineTests.repository.appendingPathComponent("inventories/lab-cloudstack.yml").path,
                        LabEngineTests.repository.appendingPathComponent("playbooks/cloudstack-kvm.yml").path,
                    ])
        }

        func drift(_ lab: LabFleet, _ state: State, number: Int) throws -> (LabEngineTests.Run, [String: Any]) {
            let outputs = [
                "--runs-dir", state.path + "/runs", "--history", state.path + "/history.sqlite",
                "--json", state.path + "/drift-\(number).json", "--html", state.path + "/drift.html",
                "--prometheus", state.path + "/trunkline.prom", "--junit", state.path + "/junit.xml",
            ]
            let run = cloudstack(lab, "drift", outputs)
            let data = try Data(contentsOf: URL(fileURLWithPath: state.path + "/drift-\(number).json"))
            return (run, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
        }

        static func hosts(_ report: [String: Any], _ status: String) -> [[String: Any]] {
            (report["hosts"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == status }
        }

        static func stepNames(_ host: [String: Any]) -> [String] {
            (host["drifts"] as? [[String: Any]] ?? []).compactMap { ($0["step"] as? [String: Any])?["name"] as? String }
        }

        @Test(
            "nightly drift on 20 hosts: 3 drifted three ways, 1 cut is unreachable, 16 in sync; since, new and resolved; every output opens"
        )
        func nightlyDrift() throws {
            let lab = try LabFleet()
            let state = try State()
            let converge = cloudstack(lab, "apply")
            #expect(
                !converge.output.contains("FAILED") && !converge.output.contains("UNREACHABLE"), "\(converge.output)")
            let clean = try drift(lab, state, number: 0)
            #expect(clean.0.status == 0, "\(clean.0.output)")
            #expect(Self.hosts(clean.1, "in_sync").count == 20)

            func host(_ name: String) throws -> LabFleet.Host { try #require(lab.hosts.first { $0.name == name }) }
            try lab.execute(
                on: try host("hv08"),
                [
                    "sed", "-i", "s/bridge-nf-call-iptables = 0/bridge-nf-call-iptables = 1/",
                    "/etc/sysctl.d/90-cloudstack-bridge.conf",
                ])
            try lab.execute(on: try host("hv09"), ["ovs-vsctl", "set", "Port", "bond1", "tag=42"])
            try lab.execute(on: try host("hv10"), ["sed", "-i", "s/ biosdevname=0//", "/etc/default/grub"])
            let labScript = LabEngineTests.repository.appendingPathComponent("scripts/lab").path
            try LocalCommand.run([labScript, "cut", "hv11"])
            defer { _ = try? LocalCommand.run([labScript, "restore", "hv11"]) }

            let (first, report) = try drift(lab, state, number: 1)
            #expect(first.status == 6, "\(first.output)")
            // hv08 is Debian, hv09 CentOS, hv10 Ubuntu; the report lists hosts in inventory order (by group).
            let drifted = Self.hosts(report, "drifted").sorted {
                ($0["host"] as? String ?? "") < ($1["host"] as? String ?? "")
            }
            #expect(drifted.map { $0["host"] as? String } == ["hv08", "hv09", "hv10"], "\(first.output)")
            #expect(
                drifted.map(Self.stepNames) == [
                    ["bridge netfilter off"], ["network (Open vSwitch, network-scripts)"], ["kernel command line"],
                ])
            let diffs = drifted.map { String(describing: $0["drifts"] ?? "") }
            #expect(
                diffs[0].contains("-net.bridge.bridge-nf-call-iptables = 1")
                    && diffs[0].contains("+net.bridge.bridge-nf-call-iptables = 0"))
            #expect(diffs[1].contains("tag") && diffs[1].contains("42"), "\(diffs[1])")
            #expect(diffs[2].contains("biosdevname=0"))
            #expect(Self.hosts(report, "unreachable").map { $0["host"] as? String } == ["hv11"])
            #expect(Self.hosts(report, "in_sync").count == 16)
            let firstRun = try #require((report["run"] as? [String: Any])?["id"] as? String)
            #expect((report["summary"] as? [String: Any])?["new"] as? Int == 3)

            let (second, again) = try drift(lab, state, number: 2)
            #expect(second.status == 6)
            #expect((again["summary"] as? [String: Any])?["new"] as? Int == 0)
            let since = Self.hosts(again, "drifted").flatMap { $0["drifts"] as? [[String: Any]] ?? [] }.map {
                ($0["since"] as? [String: Any])?["id"] as? String
            }
            #expect(since == [firstRun, firstRun, firstRun])

            let repair = cloudstack(lab, "apply", limit: ["hv08"])
            #expect(repair.status == 2, "\(repair.output)")
            let (third, resolved) = try drift(lab, state, number: 3)
            #expect(third.status == 6)
            let gone = try #require(resolved["resolved"] as? [[String: Any]])
            #expect(
                gone.map { $0["host"] as? String } == ["hv08"]
                    && gone.map { $0["name"] as? String } == ["bridge netfilter off"])
            #expect(
                third.output.contains("hv08  resolved: sysctl: bridge netfilter off (drifted since \(firstRun))"),
                "\(third.output)")
            #expect(Self.hosts(resolved, "drifted").count == 2)
            let markdownPath = try #require(
                third.output.split(separator: "\n").first { $0.hasPrefix("wrote ") && $0.hasSuffix("/drift.md") }
            ).dropFirst("wrote ".count)
            let markdown = try String(contentsOfFile: String(markdownPath), encoding: .utf8)
            #expect(
                markdown.contains("| 0 | 1 | 20 | 17 | 2 | 1 | 0 | 2 |")
                    && markdown.contains(" · 1 host: hv09 · since ") && markdown.contains("- hv11: unreachable for "),
                "\(markdown)")
            #expect(
                markdown.contains("**New: 1 drift resolved on 1 host. 20 hosts: 2 drifted (2 steps), 1 not checked.**"),
                "\(markdown)")
            #expect(
                markdown.contains("## Resolved since the previous run\n\n- **sysctl: bridge netfilter off** (")
                    && markdown.contains(" on 1 host: hv08; had drifted since "), "\(markdown)")

            let history = LabEngineTests.execute([
                "history", "--history", state.path + "/history.sqlite", "--host", "hv08",
            ])
            // hv08's own counts per run (new in the second, resolved in the fourth), then its status in each run.
            let tables = history.output.components(separatedBy: "\n\n").map {
                $0.split(separator: "\n").dropFirst().map(String.init)
            }
            #expect(tables.count >= 2 && tables[0].count == 4 && tables[1].count == 4, "\(history.output)")
            let statuses =
                tables.count >= 2
                ? tables[1].map {
                    $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(5).joined(
                        separator: " ")
                } : []
            #expect(
                statuses.count == 4 && statuses[0].hasPrefix("in_sync")
                    && statuses[1].hasPrefix("drifted sysctl: bridge netfilter off")
                    && statuses[2].hasPrefix("drifted sysctl: bridge netfilter off")
                    && statuses[3].hasPrefix("in_sync"), "\(history.output)")
            try checkOutputs(state)
        }

        /// The HTML opens in headless Chromium without errors (a screenshot is kept), the
        /// Prometheus file parses with prometheus_client, the JUnit XML with a real XML parser.
        func checkOutputs(_ state: State) throws {
            try FileManager.default.createDirectory(atPath: Self.artifacts, withIntermediateDirectories: true)
            let html = state.path + "/drift.html", screenshot = Self.artifacts + "/drift-report.png"
            try? FileManager.default.removeItem(atPath: screenshot)
            let chromium = [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(state.path)/chromium",
                "--enable-logging=stderr", "--v=0", "--window-size=1280,1600",
            ]
            let browser = try LocalCommand.run(chromium + ["--screenshot=\(screenshot)", "file://\(html)"])
            #expect(!browser.contains("CONSOLE") && !browser.contains("Uncaught"), "\(browser)")
            let png = try #require(FileManager.default.contents(atPath: screenshot))
            #expect(png.count > 10_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
            let dom = try LocalCommand.run(chromium + ["--dump-dom", "file://\(html)"])
            #expect(
                dom.contains("<h2 id=\"ongoing\">Drifted steps seen before</h2>") && dom.contains("hv09")
                    && dom.contains("<svg class=\"trend\""))
            try FileManager.default.copyItem(
                atPath: html, toPath: Self.artifacts + "/drift-report-\(UUID().uuidString.prefix(8)).html")

            let metrics = try LocalCommand.run([
                "/usr/bin/python3", "-c",
                """
                import sys
                from prometheus_client.parser import text_string_to_metric_families
                for family in text_string_to_metric_families(open(sys.argv[1]).read()):
                    for sample in family.samples:
                        print(sample.name, ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items())), sample.value)
                """, state.path + "/trunkline.prom",
            ])
            // Every sample carries playbook and inventory labels (sorted: host, inventory, playbook, status).
            let samples = metrics.split(separator: "\n").map(String.init)
            func sample(_ name: String, _ first: String, _ last: String) -> Bool {
                samples.contains { $0.hasPrefix(name + " " + first) && $0.contains(",playbook=") && $0.hasSuffix(last) }
            }
            #expect(
                sample("trunkline_drift_hosts", "inventory=", ",status=drifted 2.0")
                    && sample("trunkline_drift_hosts", "inventory=", ",status=unreachable 1.0"), "\(metrics)")
            #expect(
                sample("trunkline_drift_hosts", "inventory=", ",status=in_sync 17.0")
                    && sample("trunkline_drift_steps", "host=hv09,inventory=", " 1.0"), "\(metrics)")
            #expect(
                sample("trunkline_drift_host_status", "host=hv11,inventory=", ",status=unreachable 1.0"), "\(metrics)")
            #expect(
                sample("trunkline_drift_resolved_steps", "inventory=", " 1.0")
                    && metrics.contains("trunkline_drift_last_success_timestamp_seconds"))
            let junit = try LocalCommand.run([
                "/usr/bin/python3", "-c",
                """
                import sys, xml.etree.ElementTree as tree
                root = tree.parse(sys.argv[1]).getroot()
                print(root.get("failures"), root.get("errors"), len(root.findall("testsuite")))
                """, state.path + "/junit.xml",
            ])
            #expect(junit == "2 1 20\n", "\(junit)")
        }

        @Test(
            "--serial 1,50% with a step failing on the canary: no second batch starts; a failure budget of 100% goes on"
        )
        func canary() throws {
            let lab = try LabFleet()
            let state = try State()
            let hosts = ["hv13", "hv16", "hv19", "hv22"]  // Ubuntu hosts: inventory order is their numeric order
            let playbook = try prepare(
                lab, state, hosts: hosts, markers: ["/var/tmp/trunkline-canary"],
                playbook: """
                    - name: canary
                      hosts: all
                      serial: [1, "50%"]
                      steps:
                        - command: {shell: "date >> /var/tmp/trunkline-canary; exit 3"}
                    """)
            func apply(_ extra: [String]) -> LabEngineTests.Run {
                LabEngineTests.execute(
                    [
                        "apply", "-i", lab.run + "/inventory.yml", "--limit", hosts.joined(separator: ","),
                        "--runs-dir", state.path,
                    ] + extra + [playbook])
            }
            let stopped = apply([])
            #expect(stopped.status == 4, "\(stopped.output)")
            #expect(
                stopped.output.contains("STOPPED: play 'canary': batch 1 of 3: 1 of 1 hosts failed (100%)"),
                "\(stopped.output)")
            #expect(stopped.output.contains("NOT REACHED (3): hv16, hv19, hv22"))
            #expect(
                stopped.output.contains("hv13: step failed: [1] command: date >> /var/tmp/trunkline-canary; exit 3"),
                "\(stopped.output)")
            #expect(FileManager.default.fileExists(atPath: lab.upperPath("hv13", "/var/tmp/trunkline-canary")))
            #expect(!FileManager.default.fileExists(atPath: lab.upperPath("hv16", "/var/tmp/trunkline-canary")))
            let runDirectory = try #require(
                stopped.output.split(separator: "\n").last { $0.hasPrefix("run directory: ") }
            ).dropFirst("run directory: ".count)
            #expect(
                FileManager.default.fileExists(atPath: "\(runDirectory)/hosts/hv13.log")
                    && FileManager.default.fileExists(atPath: "\(runDirectory)/result.json"))

            let onward = apply(["--serial", "1,50%", "--max-fail-percentage", "100"])
            #expect(
                onward.status == 4 && onward.output.contains("BATCH 3/3 [hv22]")
                    && !onward.output.contains("NOT REACHED"), "\(onward.output)")
            for host in hosts {
                #expect(
                    FileManager.default.fileExists(atPath: lab.upperPath(host, "/var/tmp/trunkline-canary")), "\(host)")
            }
        }

        @Test(
            "Ctrl-C: no further host starts, the host mid-apply finishes its script, the rest are reported not reached")
        func interrupt() throws {
            let lab = try LabFleet()
            let state = try State()
            let hosts = ["hv14", "hv17", "hv20", "hv23"]  // Debian hosts: inventory order is their numeric order
            let playbook = try prepare(
                lab, state, hosts: hosts, markers: ["/var/tmp/trunkline-started", "/var/tmp/trunkline-slow"],
                playbook: """
                    - hosts: all
                      steps:
                        - command: {shell: "rm -f /var/tmp/trunkline-slow; touch /var/tmp/trunkline-started; sleep 3; echo done > /var/tmp/trunkline-slow"}
                    """)
            let log = state.path + "/out"
            let descriptor = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let pid = try LocalCommand.spawn(
                [
                    LabEngineTests.binary, "apply", "-i", lab.run + "/inventory.yml", "--limit",
                    hosts.joined(separator: ","),
                    "--forks", "1", "--runs-dir", state.path, playbook,
                ], output: descriptor)
            close(descriptor)
            let started = lab.upperPath("hv14", "/var/tmp/trunkline-started")
            for _ in 0..<1500 where !FileManager.default.fileExists(atPath: started) { usleep(20_000) }  // up to 30 s on a busy machine
            kill(pid, SIGINT)
            let status = LocalCommand.wait(for: pid)
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(status == 130, "\(output)")
            #expect(output.contains("hv14  ok=0 changed=1 failed=0 unreachable=0"), "\(output)")
            #expect(output.contains("NOT REACHED (3): hv17, hv20, hv23"), "\(output)")
            #expect(text(lab, "hv14", "/var/tmp/trunkline-slow") == "done\n")
            #expect(!FileManager.default.fileExists(atPath: lab.upperPath("hv17", "/var/tmp/trunkline-started")))
        }

        @Test(
            "a host whose sshd is down is retried with backoff and reported unreachable with the attempts; the others are not held up"
        )
        func retries() throws {
            let lab = try LabFleet()
            let state = try State()
            let labScript = LabEngineTests.repository.appendingPathComponent("scripts/lab").path
            try LocalCommand.run([labScript, "stop-sshd", "hv24"])
            defer { _ = try? LocalCommand.run([labScript, "start-sshd", "hv24"]) }
            let playbook = try prepare(
                lab, state, hosts: [], markers: [],
                playbook: "- hosts: all\n  steps:\n    - file: {path: /etc/trunkline-absent, state: absent}\n")
            let run = LabEngineTests.execute([
                "check", "-i", lab.run + "/inventory.yml", "--limit", "hv21,hv24", "--retries", "2",
                "--runs-dir", state.path, playbook,
            ])
            #expect(run.status == 4, "\(run.output)")
            #expect(run.output.contains("hv21  ok=1 changed=0 failed=0 unreachable=0"), "\(run.output)")
            #expect(
                run.output.contains("hv24: unreachable: ") && run.output.contains("(after 3 attempts)"), "\(run.output)"
            )
        }

        @Test("on a terminal, a live progress line counts hosts done, in flight and failed")
        func progress() throws {
            let lab = try LabFleet()
            let state = try State()
            let playbook = try prepare(
                lab, state, hosts: [], markers: [],
                playbook: "- hosts: all\n  steps:\n    - file: {path: /etc/trunkline-absent, state: absent}\n")
            let command = ShellWord.command([
                LabEngineTests.binary, "check", "-i", lab.run + "/inventory.yml", "--limit", "hv21,hv25,hv26",
                "--runs-dir", state.path, playbook,
            ])
            // A terminal that can redraw a line, whatever the suite's own environment says.
            let typescript = try LocalCommand.run([
                "env", "-u", "NO_COLOR", "-u", "FORCE_COLOR", "TERM=xterm", "script", "-qec", command, "/dev/null",
            ])
            #expect(typescript.contains("done 3/3 · in flight 0 · failed 0"), "\(typescript)")
            #expect(typescript.contains("\r\u{1B}[K"))
            let plain = LabEngineTests.execute([
                "check", "-i", lab.run + "/inventory.yml", "--limit", "hv21,hv25,hv26", "--runs-dir", state.path,
                playbook,
            ])
            #expect(!plain.output.contains("in flight") && !plain.output.contains("\u{1B}"), "\(plain.output)")
        }

        /// Writes `playbook` into the state directory and removes the marker files from the hosts.
        func prepare(
            _ lab: LabFleet, _ state: State, hosts: [String], markers: [String], playbook: String
        ) throws -> String {
            let path = state.path + "/play.yml"
            try playbook.write(toFile: path, atomically: true, encoding: .utf8)
            for host in lab.hosts where hosts.contains(host.name) { try lab.execute(on: host, ["rm", "-f"] + markers) }
            return path
        }

        func text(_ lab: LabFleet, _ host: String, _ path: String) -> String? {
            FileManager.default.contents(atPath: lab.upperPath(host, path)).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
