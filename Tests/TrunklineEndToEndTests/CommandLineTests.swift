import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineCommands
@testable import TrunklineRun

/// The executable's exit statuses and messages for wrong calls, unreadable input and paths,
/// with no host contacted (port 9 on 127.0.0.1 answers nothing here).
@Suite("trunkline command line")
struct CommandLineTests {
    let directory: String

    init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-cli-\(UUID().uuidString)").path
        let files = [
            "hosts.yml": "all:\n  vars: {ansible_host: 127.0.0.1, ansible_port: 9}\n  hosts:\n    h1:\n",
            "group_vars/all.yml": "from_group_vars: yes\n",
            "play.yml": "- hosts: all\n  roles: [r]\n",
            "roles/r/steps.yml": "- command: {argv: [echo, \"{{ from_group_vars }}\"]}\n",
            "file": "",
        ]
        for (path, text) in files {
            try FileManager.default.createDirectory(
                atPath: ((directory + "/" + path) as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try text.write(toFile: directory + "/" + path, atomically: true, encoding: .utf8)
        }
    }

    /// Runs `trunkline ARGUMENTS` in the test's directory: its exit status and output.
    func trunkline(_ arguments: [String], as user: [String] = []) throws -> (Int32, String) {
        let quoted = ([ValidateCommandTests.binary] + arguments).map {
            "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        do {
            return (
                0,
                try LocalCommand.run(
                    user + ["/bin/sh", "-c", "cd '\(directory)' && exec \(quoted.joined(separator: " ")) 2>&1"])
            )
        } catch let failure as LocalCommand.Failure {
            return (failure.status, failure.output)
        }
    }

    // Before, the bare name's directory was "", so group_vars/ was looked for in /group_vars and
    // roles/ in /roles: the variables were silently missing and the role not found.
    @Test("bare file names find group_vars/ and roles/ beside them, in the current directory")
    func bareNames() throws {
        let (status, output) = try trunkline(["validate", "-i", "hosts.yml", "play.yml"])
        #expect(status == 0, "\(output)")
        #expect(output == "valid: 1 plays, 1 hosts, 1 host steps\n")
        #expect(
            try trunkline(["inventory", "-i", "hosts.yml", "--host", "h1"]).1.contains("\"from_group_vars\" : true"))
    }

    // The README says so for every command: 64 is the argument parser's EX_USAGE.
    @Test(
        "usage errors exit 64, for every command",
        arguments: [
            ["validate", "-i", "hosts.yml", "--no-such-flag", "play.yml"], ["validate", "play.yml"],
            ["check", "-i", "hosts.yml"],
            ["apply", "--forks", "many", "-i", "hosts.yml", "play.yml"], ["inventory", "-i", "hosts.yml"],
            ["no-such-command"],
        ])
    func usageErrors(arguments: [String]) throws {
        #expect(try trunkline(arguments).0 == 64)
    }

    // Before: `:1:1: error: cannot read the file`.
    @Test("-e @ without a file name names the flag, and exits 1 as invalid input")
    func emptyExtraFile() throws {
        #expect(
            try trunkline(["validate", "-i", "hosts.yml", "-e", "@", "play.yml"]) == (
                1, "-e @: error: a file name is needed after @\n"
            ))
        #expect(
            try trunkline(["validate", "-i", "hosts.yml", "-e", "@missing.yml", "play.yml"])
                == (1, "missing.yml: error: cannot read: no such file or directory\n"))
    }

    // Before: `Error Domain=NSCocoaErrorDomain Code=4 …`.
    @Test(
        "a --runs-dir that cannot be created names the flag and the system's reason, and exits 1 before any connection")
    func runsDirectory() throws {
        #expect(
            try trunkline(["check", "-i", "hosts.yml", "--runs-dir", "file/runs", "play.yml"])
                == (1, "--runs-dir file/runs: error: cannot create: not a directory\n"))
        #expect {
            try RunDirectory(runs: directory + "/file", runID: "run", given: false)
        } throws: { error in
            (error as? InputError)?.description
                == "\(directory)/file: error: cannot create the runs directory: not a directory (choose one with --runs-dir)"
        }
        _ = try RunDirectory(runs: directory + "/new/runs", runID: "run", given: true)
        #expect(FileManager.default.fileExists(atPath: directory + "/new/runs/run/hosts"))
    }

    @Test(
        "a file the user may not read, and a directory the user may not write in",
        .enabled(if: getuid() == 0, "needs root to become nobody"))
    func permissionDenied() throws {
        _ = chmod(directory, 0o755)
        _ = chmod(directory + "/hosts.yml", 0o600)
        let nobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        #expect(
            try trunkline(["inventory", "-i", "hosts.yml", "--list"], as: nobody) == (
                1, "hosts.yml: error: cannot read: permission denied\n"
            ))
        _ = chmod(directory + "/hosts.yml", 0o644)
        _ = chmod(directory + "/group_vars/all.yml", 0o644)
        _ = chmod(directory + "/play.yml", 0o644)
        _ = chmod(directory + "/roles/r/steps.yml", 0o644)
        #expect(
            try trunkline(["check", "-i", "hosts.yml", "--runs-dir", "/root/forbidden/runs", "play.yml"], as: nobody)
                == (1, "--runs-dir /root/forbidden/runs: error: cannot create: permission denied\n"))
    }

    // Before, each of these loads copied the aliases a billion times and never ended.
    @Test(
        "a billion laughs is refused wherever YAML is read: a playbook, a role's defaults, an -e @file",
        arguments: [
            ("laughs.yml", ["validate", "-i", "hosts.yml", "laughs.yml"]),
            ("roles/r/defaults.yml", ["validate", "-i", "hosts.yml", "play.yml"]),
            ("laughs.yml", ["validate", "-i", "hosts.yml", "-e", "@laughs.yml", "play.yml"]),
        ])
    func billionLaughs(file: String, arguments: [String]) throws {
        let levels = (1...9).map { level in
            "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]"
        }
        try (["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + levels).joined(separator: "\n")
            .write(toFile: directory + "/" + file, atomically: true, encoding: .utf8)
        let (status, output) = try trunkline(arguments)
        #expect(status == 1)
        // A role is found beside the playbook: ./roles/r/defaults.yml.
        #expect(
            output.contains(file + ":")
                && output.hasSuffix(": error: the YAML expands to more than 1000000 nodes (aliases?)\n"), "\(output)")
    }
}
