import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklinePlaybook
@testable import TrunklineRun

/// The commit-confirmed apply script, run for real by `sh` in a scratch directory, with `ip`,
/// `ovsdb-client` and `ping` replaced by recorders: a failure after a network step restores
/// every file at once; no confirmation in time restores them after the wait; a confirmation
/// keeps the change. A plan without network effects has none of it.
@Suite("The rollback script")
struct RollbackScriptTests {
    struct Sandbox {
        let root: URL
        var run: String { root.path + "/run" }
        /// The run's backups, beside those of other runs as on a host.
        var backups: String { root.path + "/backups/test" }
        var calls: String { (try? String(contentsOfFile: root.path + "/calls", encoding: .utf8)) ?? "" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-rollback-\(UUID().uuidString)")
            let bin = root.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root.path + "/run", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root.path + "/etc", withIntermediateDirectories: true)
            let recorder = """
                #!/bin/sh
                echo "$(basename "$0") $*" >> \(ShellWord.quote(root.path + "/calls"))
                case "$(basename "$0") $1" in
                  "ip -o") echo "2: eth0    inet 192.0.2.10/24 scope global eth0" ;;
                  "ip -4") echo "default via 192.0.2.1 dev eth0" ;;
                  "ovsdb-client --timeout=30") [ "$2" = backup ] && echo "OVSDB snapshot" ;;
                esac
                """
            for tool in ["ip", "ovsdb-client", "ping"] {
                try recorder.write(toFile: bin.path + "/" + tool, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.path + "/" + tool)
            }
        }

        func path(_ name: String) -> String { root.path + "/etc/" + name }

        /// Runs the script compiled for `steps`, with its run and backup directories in the sandbox;
        /// its log, without the uptime that ends each step's lines (`rawLog` has them).
        func execute(
            _ steps: [(index: Int, changes: [Change])], confirm: ConfirmPolicy?,
            preconditions: ApplyPreconditions? = nil,
            whileWaiting: (() -> Void)? = nil
        ) throws -> String {
            var script = ApplyScript.compile(
                runID: "test", steps: steps, confirm: confirm, preconditions: preconditions)
            script = script.replacingOccurrences(
                of: "run=\(ShellWord.quote(ApplyScript.runDirectory("test")))\n", with: "run=\(ShellWord.quote(run))\n"
            )
            .replacingOccurrences(
                of: "backups=\(ShellWord.quote(ApplyScript.backupDirectory("test")))\n",
                with: "backups=\(ShellWord.quote(backups))\n"
            )
            .replacingOccurrences(
                of: "lock=\(ShellWord.quote(ApplyScript.lockPath))\n",
                with: "lock=\(ShellWord.quote(root.path + "/lock"))\n")
            try #require(!script.contains("/var/lib/trunkline/"), "the script must keep to the sandbox")
            // As on a host: the script is a file in the run directory, which it removes at once.
            try script.write(toFile: run + "/apply.sh", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [run + "/apply.sh"]
            process.environment = ["PATH": root.path + "/bin:/usr/bin:/bin"]
            try process.run()
            whileWaiting?()
            process.waitUntilExit()
            return rawLog.replacingOccurrences(
                of: #"(?m)^((?:start|ok|failed) [0-9]+(?: [0-9]+)?) [0-9.]*$"#, with: "$1", options: .regularExpression)
        }

        /// The log as the script wrote it.
        var rawLog: String { (try? String(contentsOfFile: run + "/log", encoding: .utf8)) ?? "" }
    }

    static func write(_ path: String, _ text: String) -> Change {
        Change(
            summary: "write \(path)",
            effects: [.writeFile(path: path, contents: Array(text.utf8), attributes: FileAttributes(mode: 0o644))])
    }

    @Test(
        "a step that fails after a network step rolls back at once: files restored, created ones removed, OVSDB and addresses restored"
    )
    func failureRollsBack() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        try "old interfaces\n".write(toFile: sandbox.path("interfaces"), atomically: true, encoding: .utf8)
        let steps: [(index: Int, changes: [Change])] = [
            (
                1,
                [
                    Self.write(sandbox.path("interfaces"), "new interfaces\n"),
                    Self.write(sandbox.path("new.conf"), "x\n"),
                ]
            ),
            (2, [Change(summary: "fail", effects: [.run(["false"])])]),
        ]
        let log = try sandbox.execute(steps, confirm: ConfirmPolicy(timeout: 30, networkSteps: [1]))
        #expect(
            log.contains(
                "failed 2 1\nrolling back: step 2 failed after the network was changed\nrolled back: step 2 failed after the network was changed\nfinished\n"
            ), "\(log)")
        #expect(!log.contains("awaiting-confirmation"))
        #expect(try String(contentsOfFile: sandbox.path("interfaces"), encoding: .utf8) == "old interfaces\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("new.conf")))
        #expect(sandbox.calls.contains("ovsdb-client --timeout=30 backup\n"))
        #expect(sandbox.calls.contains("ovsdb-client --timeout=30 restore\n"))
        #expect(sandbox.calls.contains("ip route replace default via 192.0.2.1 dev eth0\n"))
        #expect(sandbox.calls.contains("ping -c 1 -W 1 192.0.2.1\n"))
    }

    @Test("a failure before any network step changes nothing back, as without a network change")
    func failureBeforeNetwork() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let steps: [(index: Int, changes: [Change])] = [
            (1, [Self.write(sandbox.path("grub"), "new\n")]),
            (2, [Change(summary: "fail", effects: [.run(["false"])])]),
            (3, [Self.write(sandbox.path("interfaces"), "new\n")]),
        ]
        let log = try sandbox.execute(steps, confirm: ConfirmPolicy(timeout: 30, networkSteps: [3]))
        #expect(log == "start 1\nok 1\nstart 2\nfailed 2 1\nfinished\n", "\(log)")
        #expect(FileManager.default.fileExists(atPath: sandbox.path("grub")))
    }

    @Test("no confirmation within the timeout: the host restores the rollback point on its own and says why")
    func timeoutRollsBack() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let steps: [(index: Int, changes: [Change])] = [(1, [Self.write(sandbox.path("interfaces"), "new\n")])]
        let log = try sandbox.execute(steps, confirm: ConfirmPolicy(timeout: 1, networkSteps: [1]))
        #expect(
            log
                == "start 1\nok 1\nawaiting-confirmation 1\nfinished\nrolling back: no confirmation within 1 s\nrolled back: no confirmation within 1 s\ndone\n",
            "\(log)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("interfaces")))
        let rollback = try String(contentsOfFile: sandbox.run + "/rollback.log", encoding: .utf8)
        #expect(rollback.contains("remove \(sandbox.path("interfaces"))\nrestore the OVSDB\n"), "\(rollback)")
    }

    @Test("a confirmation keeps the change and ends the wait")
    func confirmationKeeps() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let steps: [(index: Int, changes: [Change])] = [(1, [Self.write(sandbox.path("interfaces"), "new\n")])]
        let log = try sandbox.execute(steps, confirm: ConfirmPolicy(timeout: 30, networkSteps: [1])) {
            while !((try? String(contentsOfFile: sandbox.run + "/log", encoding: .utf8)) ?? "").contains(
                "awaiting-confirmation")
            { usleep(20_000) }
            _ = FileManager.default.createFile(atPath: sandbox.run + "/confirmed", contents: nil)
        }
        #expect(log.hasSuffix("awaiting-confirmation 30\nfinished\nconfirmed\ndone\n"), "\(log)")
        #expect(try String(contentsOfFile: sandbox.path("interfaces"), encoding: .utf8) == "new\n")
        #expect(!sandbox.calls.contains("ovsdb-client restore"))
    }

    @Test("which effects make a plan commit-confirmed")
    func policy() {
        let interfaces = Self.write("/etc/network/interfaces", "x")
        let grub = Self.write("/etc/default/grub", "x")
        #expect(ConfirmPolicy.forPlan([(1, [grub])], timeout: 60) == nil)
        #expect(
            ConfirmPolicy.forPlan([(1, [grub]), (2, [interfaces])], timeout: 60)
                == ConfirmPolicy(timeout: 60, networkSteps: [2]))
        #expect(Effect.run(["systemctl", "restart", "network"]).changesNetwork)
        #expect(Effect.run(["netplan", "apply"]).changesNetwork)
        #expect(!Effect.run(["systemctl", "restart", "libvirtd"]).changesNetwork)
        #expect(Effect.removeFile(path: "/etc/netplan/50-cloud-init.yaml").changesNetwork)
        #expect(Effect.ovs(commands: [["add-br", "br0"]], result: OVSState()).changesNetwork)
        #expect(!ApplyScript.compile(runID: "r", steps: [(1, [grub])]).contains("tl_rollback_point"))
    }
}
