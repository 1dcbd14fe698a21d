import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineRun

/// A seeded, bounded mutation fuzz of pre-flight validation: the repository's inventories,
/// playbooks, roles and variable files, each case with a few mutations (hostile values, deleted,
/// repeated or re-indented lines, cut files, stray bytes, deep nesting, alias bombs, huge ranges),
/// validated by the `trunkline` executable in a process of its own. Every case must end, within
/// its bound, in success or in a located error (`file:line:column` or the flag concerned) — no
/// crash, no hang, no error without a place. `TRUNKLINE_FUZZ_CASES` sets the number of cases
/// (default 300), `TRUNKLINE_FUZZ_SEED` the seed and `TRUNKLINE_FUZZ_FROM` the first case run.
@Suite("fuzzed validation")
struct FuzzValidationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = TrunklineBinary.path
    static let cases = Int(ProcessInfo.processInfo.environment["TRUNKLINE_FUZZ_CASES"] ?? "") ?? 300
    static let seed = UInt64(ProcessInfo.processInfo.environment["TRUNKLINE_FUZZ_SEED"] ?? "") ?? 0x7472_756e_6b6c_696e
    /// The first case validated (`TRUNKLINE_FUZZ_FROM`): the cases before it are only mutated, so
    /// a reported case replays with the same input without running the whole fuzz again.
    static let first = Int(ProcessInfo.processInfo.environment["TRUNKLINE_FUZZ_FROM"] ?? "") ?? 0
    /// How long one validation may take before it counts as a hang.
    static let bound: TimeInterval = 20

    /// What a case validates: an inventory, a playbook and variable files, relative to the
    /// repository; each case mutates one of its files.
    struct Scenario {
        let inventory: String
        let playbook: String
        let variables: [String]
        var files: [String] { [inventory, playbook] + variables + roles }
        var roles: [String] {
            ["cloudstack-kvm", "homelab-trunk", "lacp-mgmt"].filter {
                (try? String(
                    contentsOf: FuzzValidationTests.repository.appendingPathComponent(playbook), encoding: .utf8))?
                    .contains($0) == true
            }
            .flatMap {
                [
                    "playbooks/roles/\($0)/steps.yml", "playbooks/roles/\($0)/defaults.yml",
                    "playbooks/roles/\($0)/handlers.yml",
                ]
            }
            .filter {
                FileManager.default.fileExists(atPath: FuzzValidationTests.repository.appendingPathComponent($0).path)
            }
        }
    }

    static let scenarios = [
        Scenario(inventory: "inventories/cloudstack-zone.yml", playbook: "playbooks/cloudstack-kvm.yml", variables: []),
        Scenario(inventory: "inventories/example.yml", playbook: "playbooks/hypervisor-basics.yml", variables: []),
        Scenario(inventory: "inventories/example.yml", playbook: "playbooks/every-step-kind.yml", variables: []),
        Scenario(
            inventory: "Tests/TrunklineEndToEndTests/Fuzz/lab-like.yml", playbook: "playbooks/homelab-trunk.yml",
            variables: ["inventories/lab-homelab.yml"]),
        Scenario(
            inventory: "Tests/TrunklineEndToEndTests/Fuzz/lab-like.yml", playbook: "playbooks/lacp-mgmt.yml",
            variables: ["inventories/lab-lacp-mgmt.yml"]),
        Scenario(
            inventory: "Tests/TrunklineEndToEndTests/Fuzz/lab-like.yml", playbook: "playbooks/cloudstack-kvm.yml",
            variables: ["inventories/lab-cloudstack-linux.yml"]),
    ]

    /// The outcome of one validation.
    struct Outcome {
        var status: Int32
        var signaled: Bool
        var timedOut: Bool
        var output: String
    }

    /// Copies the files of `scenario` into a scratch tree of the same layout.
    static func stage(_ scenario: Scenario, in directory: URL) throws {
        for file in scenario.files {
            let target = directory.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: repository.appendingPathComponent(file), to: target)
        }
    }

    static func validate(_ scenario: Scenario, in directory: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments =
            ["validate", "-i", scenario.inventory] + scenario.variables.flatMap { ["-e", "@" + $0] } + [
                scenario.playbook
            ]
        process.currentDirectoryURL = directory
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-fuzz-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(bound)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        let timedOut = process.isRunning
        if timedOut {
            process.interrupt(); usleep(200_000); if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try handle.close()
        let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
        return Outcome(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, output: text)
    }

    /// True if the first error names a place: `file:line:column: error:` or a flag (`-e …:`).
    static func located(_ output: String) -> Bool {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("error:") }) else { return false }
        if line.range(of: #"^[^:\n]+:\d+:\d+: error: "#, options: .regularExpression) != nil { return true }
        return line.range(of: #"^(error: )?(-[ei]|--[a-z-]+)( |:)"#, options: .regularExpression) != nil
    }

    @Test("every mutated input validates or fails with a located error, within the bound, without a crash")
    func fuzz() throws {
        var random = SeededRandom(seed: Self.seed)
        var failures: [String] = []
        var valid = 0
        for number in 0..<Self.cases {
            let scenario = Self.scenarios[number % Self.scenarios.count]
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-fuzz-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            try Self.stage(scenario, in: directory)
            let file = scenario.files[Int(random.next() % UInt64(scenario.files.count))]
            let path = directory.appendingPathComponent(file).path
            let original = try String(contentsOfFile: path, encoding: .utf8)
            let mutated = YAMLMutator.mutate(original, count: 1 + Int(random.next() % 3), random: &random)
            try mutated.write(toFile: path, atomically: true, encoding: .utf8)
            guard number >= Self.first else { continue }
            let outcome = try Self.validate(scenario, in: directory)
            let added = Set(mutated.split(separator: "\n")).subtracting(original.split(separator: "\n")).prefix(2).map {
                String($0.prefix(120))
            }
            let label = "case \(number) (seed \(Self.seed), \(file), lines \(added))"
            if outcome.timedOut {
                failures.append("\(label): no answer within \(Int(Self.bound)) s")
            } else if outcome.signaled {
                failures.append("\(label): crashed with signal \(outcome.status)\n\(outcome.output.suffix(400))")
            } else if outcome.status == 0 {
                valid += 1
            } else if outcome.status != 1 {
                failures.append("\(label): exit status \(outcome.status)\n\(outcome.output.prefix(400))")
            } else if !Self.located(outcome.output) {
                failures.append("\(label): an error without a place:\n\(outcome.output.prefix(400))")
            }
            if failures.count >= 10 { break }
            if (number + 1) % 500 == 0 {
                print("fuzz: \(number + 1) of \(Self.cases) cases, \(valid) valid, \(failures.count) failing")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        // A fuzz whose every case is refused would test only the parser's first line.
        #expect(valid > 0 || Self.cases - Self.first < 50, "no mutated case validated")
    }

    @Test("the unmutated scenarios validate, so the fuzz starts from valid input")
    func baseline() throws {
        for scenario in Self.scenarios {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-fuzz-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            try Self.stage(scenario, in: directory)
            let outcome = try Self.validate(scenario, in: directory)
            #expect(outcome.status == 0, "\(scenario.playbook): \(outcome.output)")
        }
    }
}
