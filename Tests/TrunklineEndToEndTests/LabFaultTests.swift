import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineRun

extension LabFleetSuites {
    /// Faults during a run, on lab hosts hv01..hv03 (Ubuntu, Debian, CentOS): a dead OVSDB, two
    /// runs at once, sshd gone mid-apply, a changed host key in the middle of a fleet, a host that
    /// answers without end, and a full disk. Each is judged on the hosts: nothing lost, nothing
    /// half-written, and a reason an operator acts on.
    @Suite("faults on the lab fleet")
    struct LabFaultTests {
        typealias Engine = LabEngineTests
        static let labScript = Engine.repository.appendingPathComponent("scripts/lab").path

        static func lab(_ arguments: String...) throws {
            try LocalCommand.run([labScript] + arguments)
        }

        func host(_ lab: LabFleet, _ name: String) throws -> LabFleet.Host {
            try #require(lab.hosts.first { $0.name == name })
        }

        /// `trunkline ARGUMENTS -i LAB --limit HOSTS PLAYBOOK`, the playbook given as text.
        func trunkline(_ lab: LabFleet, _ arguments: [String], playbook: String, limit: [String]) throws -> Engine.Run {
            try Engine().trunkline(lab, arguments, playbook: playbook, limit: limit)
        }

        func text(_ lab: LabFleet, _ host: String, _ path: String) -> String? {
            Engine().text(lab, host, path)
        }

        /// An apply of `playbook` on `host`, started and left running; its scratch directory
        /// (with `runs/`) and its standard output.
        func launch(
            _ lab: LabFleet, _ playbook: String, on host: String
        ) throws -> (apply: Process, directory: URL, output: Pipe) {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-fault-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try playbook.write(toFile: directory.path + "/play.yml", atomically: true, encoding: .utf8)
            let output = Pipe()
            let apply = Process()
            apply.executableURL = URL(fileURLWithPath: Engine.binary)
            apply.arguments = [
                "apply", "-i", lab.run + "/inventory.yml", "--limit", host, "--runs-dir", directory.path + "/runs",
                directory.path + "/play.yml",
            ]
            apply.standardOutput = output
            try apply.run()
            let started = try self.host(lab, host)
            let deadline = Date().addingTimeInterval(180)
            while (try? lab.execute(
                on: started, ["sh", "-c", "pgrep -f '/var/lib/trunkline/run[s]/.*/apply[.]sh' > /dev/null && echo yes"]))
                != "yes\n"
            {
                try #require(Date() < deadline && apply.isRunning, "the apply script never started on \(host)")
                usleep(100_000)
            }
            return (apply, directory, output)
        }

        static func marker(_ name: String, _ content: String) -> String {
            "    - file: {path: /etc/trunkline-fault/\(name), content: \"\(content)\\n\"}\n"
        }

        @Test(
            "Open vSwitch stopped: facts say which daemon is not running, and nothing is planned against an empty OVSDB"
        )
        func ovsStopped() throws {
            let lab = try LabFleet()
            try Self.lab("stop-ovs", "hv02")
            defer { try? Self.lab("start-ovs", "hv02") }
            let playbook =
                "- hosts: all\n  steps:\n    - ovs: {bridges: [{name: tl-fault0, datapath_type: netdev}]}\n"
                + Self.marker("ovs", "x")
            let run = try trunkline(lab, ["apply"], playbook: playbook, limit: ["hv02"])
            #expect(run.status == 4, "\(run.output)")
            #expect(
                run.output.contains(
                    "Open vSwitch does not answer: ovsdb-server is not running; ovs-vswitchd is not running"),
                "\(run.output)")
            #expect(!run.output.contains("add-br"), "\(run.output)")
            #expect(text(lab, "hv02", "/etc/trunkline-fault/ovs") == nil)
        }

        @Test(
            "no file contents at rest on the host: after an apply, its run directory keeps the log but no script, and no trace of a secret"
        )
        func nothingAtRest() throws {
            let lab = try LabFleet()
            let hv01 = try host(lab, "hv01")
            defer { _ = try? lab.execute(on: hv01, ["rm", "-rf", "/etc/trunkline-fault"]) }
            let secret = "s3cr3t-\(UUID().uuidString.prefix(8))"
            let playbook =
                "- hosts: all\n  steps:\n    - file: {path: /etc/trunkline-fault/agent.properties, mode: \"0600\", content: \"password=\(secret)\\n\"}\n"
            let run = try trunkline(lab, ["apply"], playbook: playbook, limit: ["hv01"])
            #expect(run.status == 2, "\(run.output)")
            #expect(text(lab, "hv01", "/etc/trunkline-fault/agent.properties") == "password=\(secret)\n")
            #expect(
                try lab.execute(on: hv01, ["stat", "-c", "%a %U", "/etc/trunkline-fault/agent.properties"])
                    == "600 root\n")
            let base64 = Data("password=\(secret)\n".utf8).base64EncodedString()
            let traces = try lab.execute(
                on: hv01,
                [
                    "sh", "-c",
                    "ls /var/lib/trunkline/runs/*/log | wc -l; ls /var/lib/trunkline/runs/*/apply.sh 2>/dev/null | wc -l; "
                        + "grep -rlF -e \"$1\" -e \"$2\" /var/lib/trunkline/runs | wc -l", "sh", secret,
                    String(base64.prefix(24)),
                ])
            let counts = traces.split(separator: "\n").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? -1 }
            #expect(
                counts.count == 3 && counts[0] >= 1 && counts[1] == 0 && counts[2] == 0,
                "logs, scripts, files with the secret: \(traces)")
        }

        @Test(
            "two runs on one host at once: the second waits a bounded time for the host's lock and fails clearly; they never interleave"
        )
        func twoRuns() throws {
            let lab = try LabFleet()
            defer { _ = try? lab.execute(on: try host(lab, "hv02"), ["rm", "-rf", "/etc/trunkline-fault"]) }
            let slow =
                "- hosts: all\n  steps:\n    - command: {argv: [sh, -c, \"sleep 6; date +%s.%N > /etc/trunkline-fault-first\"]}\n"
                + Self.marker("first", "1")
            // The first run has its lock once its script has started, which `launch` waits for.
            let (first, directory, _) = try launch(lab, slow, on: "hv02")
            defer { try? FileManager.default.removeItem(at: directory) }
            let hv02 = try host(lab, "hv02")
            let second = try trunkline(
                lab, ["apply", "--lock-timeout", "1"],
                playbook: "- hosts: all\n  steps:\n" + Self.marker("second", "2"),
                limit: ["hv02"])
            first.waitUntilExit()
            #expect(first.terminationStatus == 2)
            #expect(second.status == 4, "\(second.output)")
            #expect(
                second.output.contains(
                    "another Trunkline run holds the host's lock (/var/lib/trunkline/lock); waited 1 s; nothing was changed"
                ),
                "\(second.output)")
            #expect(text(lab, "hv02", "/etc/trunkline-fault/second") == nil)
            #expect(text(lab, "hv02", "/etc/trunkline-fault/first") == "1\n")
            let third = try trunkline(
                lab, ["apply"], playbook: "- hosts: all\n  steps:\n" + Self.marker("second", "2"), limit: ["hv02"])
            #expect(third.status == 2, "\(third.output)")
            #expect(text(lab, "hv02", "/etc/trunkline-fault/second") == "2\n")
            _ = try? lab.execute(on: hv02, ["rm", "-f", "/etc/trunkline-fault-first"])
        }

        @Test(
            "sshd gone mid-apply with its sessions: the script finishes on its own, and Trunkline reconnects once sshd is back"
        )
        func sshdGoneMidApply() throws {
            let lab = try LabFleet()
            let hv03 = try host(lab, "hv03")
            defer {
                _ = try? lab.execute(on: hv03, ["rm", "-rf", "/etc/trunkline-fault"]);
                try? Self.lab("start-sshd", "hv03")
            }
            let playbook =
                "- hosts: all\n  steps:\n    - command: {argv: [sh, -c, \"sleep 5\"]}\n"
                + Self.marker("after-sshd", "done")
            let (apply, directory, output) = try launch(lab, playbook, on: "hv03")
            defer { try? FileManager.default.removeItem(at: directory) }
            try Self.lab("drop-ssh", "hv03")
            sleep(8)
            #expect(
                text(lab, "hv03", "/etc/trunkline-fault/after-sshd") == "done\n",
                "the script did not finish without its session")
            try Self.lab("start-sshd", "hv03")
            apply.waitUntilExit()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(apply.terminationStatus == 2, "\(printed)")
            #expect(printed.contains("hv03  ok=0 changed=2 failed=0 unreachable=0"), "\(printed)")
            #expect(printed.contains("  reconnected 1×"), "the recap says the host was reconnected: \(printed)")
            let result = try String(
                contentsOfFile: try #require(try Self.latestResult(directory.path + "/runs")), encoding: .utf8)
            #expect(result.contains("\"connections\" : 2") || result.contains("\"connections\":2"), "\(result)")
        }

        static func latestResult(_ runs: String) throws -> String? {
            let names = try FileManager.default.contentsOfDirectory(atPath: runs).sorted()
            return names.last.map { "\(runs)/\($0)/result.json" }
        }

        @Test(
            "a changed host key in the middle of the fleet: that host is refused before anything is sent, the others proceed"
        )
        func changedHostKey() throws {
            let lab = try LabFleet()
            defer {
                for name in ["hv01", "hv02", "hv03"] {
                    _ = try? lab.execute(on: try host(lab, name), ["rm", "-rf", "/etc/trunkline-fault"])
                }
            }
            let known = try String(contentsOfFile: lab.run + "/known_hosts", encoding: .utf8).split(separator: "\n")
                .map(String.init)
            let hv01Key = try #require(
                known.first {
                    $0.hasPrefix(try host(lab, "hv01").address + " ") || $0.hasPrefix("hv01 ") || $0.hasPrefix("hv01,")
                })
            let keyPart = hv01Key.split(separator: " ").dropFirst().joined(separator: " ")
            let hv02 = try host(lab, "hv02")
            let forged = known.map { line -> String in
                let names = line.split(separator: " ").first.map { $0.split(separator: ",").map(String.init) } ?? []
                return names.contains(hv02.address) || names.contains("hv02")
                    ? "\(line.split(separator: " ")[0]) \(keyPart)" : line
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-known-\(UUID().uuidString)"
            ).path
            try (forged.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let run = try trunkline(
                lab, ["apply", "-e", "trunkline_known_hosts=\(file)"],
                playbook: "- hosts: all\n  steps:\n" + Self.marker("key", "k"),
                limit: ["hv01", "hv02", "hv03"])
            #expect(run.status == 6, "\(run.output)")
            #expect(run.output.contains("hv02: host key refused"), "\(run.output)")
            #expect(run.output.contains("hv01  ok=0 changed=1 failed=0 unreachable=0"), "\(run.output)")
            #expect(run.output.contains("hv03  ok=0 changed=1 failed=0 unreachable=0"), "\(run.output)")
            #expect(text(lab, "hv02", "/etc/trunkline-fault/key") == nil)
            #expect(text(lab, "hv01", "/etc/trunkline-fault/key") == "k\n")
        }

        @Test(
            "a host that answers without end: the facts exec stops at the output bound, with a clear per-host failure")
        func endlessAnswer() throws {
            let lab = try LabFleet()
            let hv01 = try host(lab, "hv01")
            try lab.execute(on: hv01, ["truncate", "-s", "100M", "/var/tmp/trunkline-huge"])
            defer { _ = try? lab.execute(on: hv01, ["rm", "-f", "/var/tmp/trunkline-huge"]) }
            let run = try trunkline(
                lab, ["check"],
                playbook: "- hosts: all\n  steps:\n    - lines: {path: /var/tmp/trunkline-huge, lines: [x]}\n",
                limit: ["hv01", "hv03"])
            #expect(run.status == 6, "\(run.output)")
            #expect(run.output.contains("the command's output passed 67108864 bytes; reading stopped"), "\(run.output)")
            #expect(run.output.contains("hv03  ok=0 changed=1 failed=0 unreachable=0"), "\(run.output)")
        }

        @Test(
            "a full disk: the run stops before its first change with 'No space left on device', and converges once there is space"
        )
        func diskFull() throws {
            let lab = try LabFleet()
            defer { try? Self.lab("free-disk", "hv01"); try? Self.lab("reimage", "hv01") }
            let before = try Engine().snapshot(lab, hosts: ["hv01"])
            try Self.lab("fill-disk", "hv01", "120")
            let full = Engine().repositoryPlaybook(
                lab, "apply", "cloudstack-kvm.yml", variables: "lab-cloudstack.yml", limit: ["hv01"])
            #expect(full.status == 4, "\(full.output)")
            #expect(full.output.contains("No space left on device: "), "\(full.output)")
            #expect(full.output.contains("nothing was changed"), "\(full.output)")
            let after = try Engine().snapshot(lab, hosts: ["hv01"])
            let changed = Engine().changed(before, after).filter { !$0.hasPrefix("hv01/var/lib/trunkline/") }
            #expect(changed.isEmpty, "a full disk left changes: \(changed)")
            try Self.lab("free-disk", "hv01")
            let freed = Engine().repositoryPlaybook(
                lab, "apply", "cloudstack-kvm.yml", variables: "lab-cloudstack.yml", limit: ["hv01"])
            #expect(freed.status == 2, "\(freed.output)")
            let again = Engine().repositoryPlaybook(
                lab, "apply", "cloudstack-kvm.yml", variables: "lab-cloudstack.yml", limit: ["hv01"])
            #expect(again.status == 0, "\(again.output)")
        }
    }
}
