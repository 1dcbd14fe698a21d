import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklinePlaybook
@testable import TrunklineRun

/// The apply script under faults, run for real by `sh` in a scratch directory: a failed step
/// puts back the files it wrote, a held lock or too little free space ends the run before its
/// first step with the reason, and the controller turns each log into an operator's sentence.
@Suite("The apply script under faults")
struct ApplyScriptFaultTests {
    typealias Sandbox = RollbackScriptTests.Sandbox

    static func fail() -> Change { Change(summary: "fail", effects: [.run(["false"])]) }

    static func preconditions(lockWait: Int = 1, kilobytes: Int = 1) -> ApplyPreconditions {
        var preconditions = ApplyPreconditions(steps: [], facts: StepHarness.facts())
        preconditions.lockWait = lockWait
        preconditions.neededKilobytes = kilobytes
        return preconditions
    }

    @Test("a failed step puts back what it wrote and removed; the steps before it stay done")
    func failedStepRestored() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        for name in ["a", "b", "gone"] {
            try "old \(name)\n".write(toFile: sandbox.path(name), atomically: true, encoding: .utf8)
        }
        let log = try sandbox.execute(
            [
                (1, [RollbackScriptTests.write(sandbox.path("a"), "new a\n")]),
                (
                    2,
                    [
                        RollbackScriptTests.write(sandbox.path("b"), "new b\n"),
                        RollbackScriptTests.write(sandbox.path("created"), "c\n"),
                        Change(summary: "remove", effects: [.removeFile(path: sandbox.path("gone"))]), Self.fail(),
                    ]
                ),
            ], confirm: nil)
        #expect(log == "start 1\nok 1\nstart 2\nfailed 2 1\nrestored 2\nfinished\n")
        #expect(try String(contentsOfFile: sandbox.path("a"), encoding: .utf8) == "new a\n")
        #expect(try String(contentsOfFile: sandbox.path("b"), encoding: .utf8) == "old b\n")
        #expect(try String(contentsOfFile: sandbox.path("gone"), encoding: .utf8) == "old gone\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("created")))
        #expect(ApplyLog(log).restoredStep == 2)
    }

    @Test("a lock another run holds ends the script before its first step, after a bounded wait")
    func locked() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [sandbox.root.path + "/lock", "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        while !FileManager.default.fileExists(atPath: sandbox.root.path + "/lock") { usleep(10_000) }
        usleep(200_000)
        let log = try sandbox.execute(
            [(1, [RollbackScriptTests.write(sandbox.path("a"), "new\n")])], confirm: nil,
            preconditions: Self.preconditions())
        #expect(log == "locked 1\nfinished\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("a")))
        #expect(
            ApplyLog(log).refusal
                == "another Trunkline run holds the host's lock (/var/lib/trunkline/lock); waited 1 s; nothing was changed"
        )
    }

    @Test("a free lock is taken and the run goes on")
    func lockTaken() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let log = try sandbox.execute(
            [(1, [RollbackScriptTests.write(sandbox.path("a"), "new\n")])], confirm: nil,
            preconditions: Self.preconditions())
        #expect(log == "start 1\nok 1\nfinished\n")
        let timed = sandbox.rawLog.split(separator: "\n")
        #expect(
            timed.prefix(2).allSatisfy { $0.split(separator: " ").last.flatMap { Double($0) } != nil },
            "each step's start and end carry the host's uptime: \(timed)")
        #expect(ApplyLog(sandbox.rawLog).seconds(1).map { $0 >= 0 } == true)
    }

    @Test("too little free space ends the script before its first step, naming the directory and the figures")
    func noSpace() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        var preconditions = Self.preconditions(kilobytes: 1 << 40)
        preconditions.directories = [sandbox.path("not/yet/there")]
        let log = try sandbox.execute(
            [(1, [RollbackScriptTests.write(sandbox.path("a"), "new\n")])], confirm: nil, preconditions: preconditions)
        let words = log.split(separator: "\n").first?.split(separator: " ") ?? []
        #expect(
            words.count == 4 && words[0] == "no-space" && words[1] == Substring(sandbox.root.path + "/etc")
                && words[2] == "1099511627776")
        #expect(!FileManager.default.fileExists(atPath: sandbox.path("a")))
        #expect(ApplyLog(log).refusal?.hasPrefix("No space left on device: \(sandbox.root.path)/etc has ") == true)
    }

    @Test("the space a plan needs: new bytes, backups of the old, a block each, and a margin")
    func spaceNeeded() {
        let facts = StepHarness.facts(files: ["/etc/default/grub": String(repeating: "x", count: 10_000)])
        let preconditions = ApplyPreconditions(
            steps: [
                (
                    1,
                    [
                        RollbackScriptTests.write("/etc/default/grub", String(repeating: "y", count: 20_000)),
                        RollbackScriptTests.write("/etc/network/interfaces", "z"),
                    ]
                )
            ], facts: facts)
        #expect(
            preconditions.neededKilobytes == (20_000 + 10_000 + 8192 + 1 + 8192 + 1023) / 1024
                + ApplyPreconditions.marginKilobytes)
        #expect(preconditions.directories == ["/etc/default", "/etc/network", "/var/lib/trunkline"])
        #expect(preconditions.lockWait == 60)
    }

    @Test(
        "nothing that holds file contents stays in the run directory: the script goes at once, the step copies at exit; the log stays"
    )
    func nothingAtRest() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let secret = "password=s3cr3t-\(UUID().uuidString)\n"
        try "old\n".write(toFile: sandbox.path("agent.properties"), atomically: true, encoding: .utf8)
        let log = try sandbox.execute(
            [(1, [RollbackScriptTests.write(sandbox.path("agent.properties"), secret)]), (2, [Self.fail()])],
            confirm: nil)
        #expect(log.hasPrefix("start 1\nok 1\nstart 2\nfailed 2 1\n"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.run + "/apply.sh"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.run + "/step"))
        let encoded = Data(secret.utf8).base64EncodedString()
        let files = FileManager.default.enumerator(atPath: sandbox.run)?.compactMap { $0 as? String } ?? []
        for file in files {
            let text = (try? String(contentsOfFile: sandbox.run + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains("s3cr3t") && !text.contains(encoded.prefix(20)), "\(file) holds the file's contents")
        }
        #expect(try String(contentsOfFile: sandbox.path("agent.properties"), encoding: .utf8) == secret)
    }

    @Test(
        "a run that takes the lock keeps the backups of the last five earlier runs and removes older ones, and nothing else"
    )
    func backupsPruned() throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let parent = (sandbox.backups as NSString).deletingLastPathComponent
        let earlier = (1...7).map { "2026110\($0)T000000Z-run\($0)" }
        for name in earlier + ["notes"] {
            try FileManager.default.createDirectory(atPath: parent + "/" + name, withIntermediateDirectories: true)
        }
        let log = try sandbox.execute(
            [(1, [RollbackScriptTests.write(sandbox.path("a"), "new\n")])], confirm: nil,
            preconditions: Self.preconditions())
        #expect(log == "start 1\nok 1\nfinished\n")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: parent))
        #expect(left == Set(earlier.suffix(ApplyScript.keptBackups) + ["notes"]))
    }
}
