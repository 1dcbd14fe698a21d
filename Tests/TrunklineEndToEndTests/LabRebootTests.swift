import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineRun

extension LabFleetSuites {
    /// Reboots on the nic-topology hosts hv27..hv32 (stock hypervisors reached only through
    /// eth0): the cloudstack-kvm role's GRUB and blacklist changes reboot each host through its
    /// `reboot` handler, two at a time with `--serial 2`; drift reports a pending reboot and its
    /// resolution; a host that does not come back fails and stops the rollout; check never
    /// reboots. Each test starts from stock disks (`lab reimage`) and leaves stock disks.
    @Suite("reboots on the lab fleet")
    struct LabRebootTests {
        typealias Engine = LabEngineTests
        static let hosts = (27...32).map { String(format: "hv%02d", $0) }
        static let labScript = Engine.repository.appendingPathComponent("scripts/lab").path
        static let arguments = "net.ifnames=0 biosdevname=0 ipv6.disable=1"

        static func lab(_ arguments: String...) throws {
            try LocalCommand.run([labScript] + arguments)
        }

        static func reimage(_ hosts: [String]) throws {
            for host in hosts { try lab("reimage", host) }
        }

        func bootID(_ lab: LabFleet, _ name: String) throws -> String {
            try lab.execute(
                on: try #require(lab.hosts.first { $0.name == name }), ["cat", "/proc/sys/kernel/random/boot_id"])
        }

        func cmdline(_ lab: LabFleet, _ name: String) throws -> String {
            try lab.execute(on: try #require(lab.hosts.first { $0.name == name }), ["cat", "/proc/cmdline"])
        }

        func cloudstack(_ lab: LabFleet, _ command: String, limit: [String], _ extra: [String] = []) -> Engine.Run {
            Engine.execute(
                [command, "-i", lab.run + "/inventory.yml", "--limit", limit.joined(separator: ",")] + extra
                    + [
                        "-e", "@" + Engine.repository.appendingPathComponent("inventories/lab-cloudstack.yml").path,
                        Engine.repository.appendingPathComponent("playbooks/cloudstack-kvm.yml").path,
                    ])
        }

        /// The times host `name`'s reboots were asked for and ended, from the lab's agent log.
        func rebootTimes(_ lab: LabFleet, _ name: String) -> (asked: [String], back: [String]) {
            let log = (try? String(contentsOfFile: "\(lab.run)/logs/\(name).reboots.log", encoding: .utf8)) ?? ""
            let lines = log.split(separator: "\n")
            return (
                lines.filter { $0.hasSuffix("asked for a reboot") }.map { String($0.prefix(18)) },
                lines.filter { $0.hasSuffix("is back") }.map { String($0.prefix(18)) }
            )
        }

        /// The batches of a rollout as the text output lists them (`BATCH 1/3 [hv28, hv31]`).
        static func batches(_ output: String) -> [[String]] {
            output.split(separator: "\n").filter { $0.hasPrefix("BATCH ") }.map { line in
                let inner = line.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }
                return inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }

        @Test(
            "cloudstack-kvm on 6 stock hosts with --serial 2: two at a time reboot into the new command line, rebuilt from their files; the second apply neither changes nor reboots"
        )
        func rollingReboot() throws {
            let lab = try LabFleet()
            try Self.reimage(Self.hosts)
            defer { try? Self.reimage(Self.hosts) }
            let before = try Dictionary(uniqueKeysWithValues: Self.hosts.map { ($0, try bootID(lab, $0)) })
            let logged = Dictionary(uniqueKeysWithValues: Self.hosts.map { ($0, rebootTimes(lab, $0).asked.count) })
            let first = cloudstack(lab, "apply", limit: Self.hosts, ["--serial", "2"])
            #expect(first.status == 2, "\(first.output)")
            for host in Self.hosts {
                #expect(
                    first.output.contains("\(host)  changed  [20] reboot: reboot (handler)"), "\(host): \(first.output)"
                )
                #expect(try bootID(lab, host) != before[host], "\(host) did not reboot")
                let running = try cmdline(lab, host)
                #expect(running.contains(Self.arguments), "\(host) runs \(running)")
                #expect(rebootTimes(lab, host).asked.count == logged[host]! + 1, "\(host) rebooted more than once")
            }
            #expect(!first.output.contains("reboot pending"), "\(first.output)")
            // Never more than one batch down at once: a batch's reboots start after the last
            // reboot of the batch before it ended.
            let batches = Self.batches(first.output)
            #expect(batches.count == 3 && batches.allSatisfy { $0.count == 2 }, "\(batches)")
            for (earlier, later) in zip(batches, batches.dropFirst()) {
                let ended = earlier.compactMap { rebootTimes(lab, $0).back.last }.max() ?? ""
                let started = later.compactMap { rebootTimes(lab, $0).asked.last }.min() ?? ""
                #expect(
                    !ended.isEmpty && started > ended,
                    "batch \(later) rebooted at \(started), before \(earlier) was back at \(ended)")
            }
            // The network came back from the files: every host answers at its address (the
            // check below connects to each) with the management address on cloudbr0.
            for host in Self.hosts {
                let address = try #require(lab.hosts.first { $0.name == host }).address
                #expect(
                    try lab.execute(
                        on: try #require(lab.hosts.first { $0.name == host }),
                        ["ip", "-br", "-4", "addr", "show", "cloudbr0"]
                    )
                    .contains(address + "/30"))
            }
            let booted = try Dictionary(uniqueKeysWithValues: Self.hosts.map { ($0, try bootID(lab, $0)) })
            let second = cloudstack(lab, "apply", limit: Self.hosts, ["--serial", "2"])
            #expect(second.status == 0, "\(second.output)")
            #expect(!second.output.contains("reboot"), "\(second.output)")
            for host in Self.hosts {
                #expect(try bootID(lab, host) == booted[host], "\(host) rebooted on the second apply")
            }
        }

        @Test(
            "drift reports a pending reboot where grub changed without a reboot (new), and as resolved once the hosts rebooted"
        )
        func pendingInDrift() throws {
            let lab = try LabFleet()
            let hosts = ["hv27", "hv28"]
            try Self.reimage(hosts)
            defer { try? Self.reimage(hosts) }
            let state = try LabDriftTests.State()
            let applied = cloudstack(lab, "apply", limit: hosts, ["-e", "reboot=false"])
            #expect(applied.status == 2, "\(applied.output)")
            #expect(
                applied.output.contains(
                    "hv27  reboot pending: kernel command line differs (next boot adds net.ifnames=0 biosdevname=0 ipv6.disable=1)"
                ),
                "\(applied.output)")
            func drift(_ number: Int) throws -> [String: Any] {
                let run = cloudstack(
                    lab, "drift", limit: hosts,
                    [
                        "-e", "reboot=false", "--runs-dir", state.path + "/runs", "--history",
                        state.path + "/history.sqlite",
                        "--json", state.path + "/drift-\(number).json", "--prometheus",
                        state.path + "/drift-\(number).prom",
                    ])
                #expect([0, 2].contains(run.status), "\(run.output)")
                let data = try Data(contentsOf: URL(fileURLWithPath: state.path + "/drift-\(number).json"))
                return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            }
            let pending = try drift(1)
            let drifted = LabDriftTests.hosts(pending, "drifted")
            #expect(Set(drifted.compactMap { $0["host"] as? String }) == Set(hosts), "\(pending)")
            #expect(drifted.allSatisfy { LabDriftTests.stepNames($0) == ["reboot pending"] }, "\(drifted)")
            let metrics = try String(contentsOfFile: state.path + "/drift-1.prom", encoding: .utf8)
            #expect(
                metrics.split(separator: "\n").contains {
                    $0.hasPrefix("trunkline_drift_reboot_pending{") && $0.hasSuffix(#"host="hv27"} 1"#)
                }, "\(metrics)")
            for host in hosts { try Self.lab("reboot", host) }
            let resolved = try drift(2)
            #expect(LabDriftTests.hosts(resolved, "in_sync").count == 2, "\(resolved)")
            let text =
                String(data: try JSONSerialization.data(withJSONObject: resolved["resolved"] ?? []), encoding: .utf8)
                ?? ""
            #expect(text.contains("reboot pending"), "\(resolved)")
        }

        @Test(
            "a host that does not come back fails after reboot_timeout and stops the rollout; check mode never reboots")
        func heldDown() throws {
            let lab = try LabFleet()
            let hosts = ["hv29", "hv30"]
            try Self.reimage(hosts)
            defer { try? Self.lab("release", "hv29"); try? Self.reimage(hosts) }
            let before = try bootID(lab, "hv29")
            let check = cloudstack(lab, "check", limit: hosts)
            #expect(check.status == 2, "\(check.output)")
            #expect(check.output.contains("hv29  change  [20] reboot: reboot (handler)"), "\(check.output)")
            #expect(try bootID(lab, "hv29") == before, "check rebooted the host")
            try Self.lab("hold", "hv29")
            let apply = cloudstack(lab, "apply", limit: hosts, ["--serial", "1", "-e", "reboot_timeout=20"])
            // 6: changes were made (before the reboot) and a host failed.
            #expect(apply.status == 6, "\(apply.output)")
            #expect(apply.output.contains("hv29: error: did not come back within 20 s after reboot"), "\(apply.output)")
            #expect(apply.output.contains("NOT REACHED (1): hv30"), "\(apply.output)")
        }
    }
}
