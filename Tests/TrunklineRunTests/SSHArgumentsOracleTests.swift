import Foundation
import Testing
import TrunklineCore
import TrunklineInput
import TrunklineTestSupport
import TrunklineTransport

@testable import TrunklineCommands
@testable import TrunklineRun

/// `--ssh-common-args` and `--ssh-extra-args` against `ansible -vvv`'s own ssh command lines:
/// a host's `ansible_ssh_common_args`/`ansible_ssh_extra_args` beats the command line, option by
/// option, and common comes before extra.
@Suite("ssh arguments from the command line and the inventory, as Ansible takes them")
struct SSHArgumentsOracleTests {
    static let ansible =
        (ProcessInfo.processInfo.environment["TRUNKLINE_ANSIBLE_VENV"] ?? "/var/lib/trunkline-venv-ansible")
        + "/bin/ansible"

    /// Each host's variables; each value sets a Port whose number says where it came from.
    static let hosts: [(name: String, address: String, variables: [String: String])] = [
        ("both", "127.0.0.11", ["ansible_ssh_common_args": "-o Port=11", "ansible_ssh_extra_args": "-o Port=12"]),
        ("common", "127.0.0.12", ["ansible_ssh_common_args": "-o Port=21"]),
        ("extra", "127.0.0.13", ["ansible_ssh_extra_args": "-o Port=32"]),
        ("neither", "127.0.0.14", [:]),
    ]
    static let commandLine: [SSHArgumentsOption: String] = [.common: "-o Port=1", .extra: "-o Port=2"]

    /// The `Port=` values of each host's ssh command line as `ansible -vvv` prints it.
    static func ansiblePorts(in directory: String) throws -> [String: [String]] {
        let inventory = hosts.map { host in
            ([host.name, "ansible_host=\(host.address)"]
                + host.variables.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }).joined(separator: " ")
        }.joined(separator: "\n")
        try Data((inventory + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/hosts"))
        let argv = [
            ansible, "-i", directory + "/hosts", "all", "-m", "ping", "-T", "2", "-vvv",
            "--ssh-common-args=" + commandLine[.common]!, "--ssh-extra-args=" + commandLine[.extra]!,
        ]
        let environment = [
            "HOME": directory, "ANSIBLE_LOCAL_TEMP": directory + "/tmp", "ANSIBLE_NOCOLOR": "1",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        let output: String
        do {
            output = try LocalCommand.run(argv, environment: environment)
        } catch let failure as LocalCommand.Failure {
            output = failure.output  // every host is unreachable: ansible exits 4
        }
        var ports: [String: [String]] = [:]
        for line in output.split(separator: "\n") where line.contains("SSH: EXEC ssh") {
            guard let host = hosts.first(where: { line.hasPrefix("<\($0.address)>") }) else { continue }
            let words = try ShellWords.split(String(line), at: SourceLocation(whole: "ansible output"))
            ports[host.name] = words.filter { $0.hasPrefix("Port=") }
        }
        return ports
    }

    @Test("each host follows the same ssh argument strings, in the same order, as ansible's ssh command line")
    func againstAnsible() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.ansible), "no \(Self.ansible)")
        let directory = NSTemporaryDirectory() + "trunkline-sshargs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let expected = try Self.ansiblePorts(in: directory)
        #expect(expected.count == Self.hosts.count, "ansible printed an ssh command line for every host: \(expected)")
        for host in Self.hosts {
            let texts = InventoryConnection.sshArgumentTexts(
                host.variables.mapValues { .string($0) }, commandLine: Self.commandLine)
            let words = try texts.flatMap { try ShellWords.split($0.text, at: SourceLocation(whole: $0.source)) }
            #expect(words.filter { $0.hasPrefix("Port=") } == expected[host.name], "\(host.name)")
        }
    }

    @Test("the command line's arguments reach a host without its own, and a literal host; the host's own win")
    func resolution() {
        var defaults = ConnectionSettings(user: "ops", knownHostsFiles: ["/default"])
        defaults.sshArguments = [
            .common: "-J ops@bastion:2222 -o UserKnownHostsFile=/cli", .extra: "-p 2200 -i /cli.key",
        ]
        let (_, plain) = InventoryConnection.resolve("h", variables: [:], defaults: defaults)
        #expect(plain.jumpHosts == [JumpHost(user: "ops", address: "bastion", port: 2222)])
        #expect(plain.knownHostsFiles == ["/cli"] && plain.port == 2200 && plain.identityFiles == ["/cli.key"])
        #expect(InventoryConnection.followingCommandLineArguments(defaults) == plain)
        let own: [String: Value] = ["ansible_ssh_common_args": .string("-o UserKnownHostsFile=/own")]
        let (_, overridden) = InventoryConnection.resolve("h", variables: own, defaults: defaults)
        #expect(overridden.jumpHosts.isEmpty && overridden.knownHostsFiles == ["/own"])
        #expect(overridden.port == 2200, "the command line's extra args still apply: only the common ones were set")
    }

    @Test(
        "an ssh argument Trunkline does not follow, an unclosed quote or a bad ProxyJump on the command line is a usage error naming the option",
        arguments: [
            (["--ssh-common-args=-C"], "--ssh-common-args: ssh argument -C is not followed"),
            (["--ssh-extra-args", "-o ForwardAgent=yes"], "--ssh-extra-args: ssh option ForwardAgent is not followed"),
            (["--ssh-common-args", "-o 'Port=1"], "--ssh-common-args: no closing quotation"),
            (["--ssh-extra-args=-J a@b:x"], "--ssh-extra-args: "),
        ])
    func refused(arguments: [String], message: String) throws {
        do {
            _ = try ConnectionOptions.parse(arguments)
            Issue.record("accepted: \(arguments)")
        } catch {
            #expect(
                ConnectionOptions.message(for: error).hasPrefix(message), "\(ConnectionOptions.message(for: error))")
        }
        #expect(
            try ConnectionOptions.parse(["--ssh-common-args=-o StrictHostKeyChecking=yes -p 22"]).sshCommonArgs != nil)
    }

    @Test(
        "an option given twice follows its first value, as ssh -G resolves it",
        arguments: [
            "-o Port=1 -o Port=2 -p 3", "-p 3 -o Port=1", "-p 3 -p 4", "-oPort=5 -oPort=6", "-l a -o User=b",
            "-o User=b -l a", "-l a -l b", "-J j1 -o ProxyJump=j2", "-o ProxyJump=j2,j3 -o ProxyJump=j4",
            "-o UserKnownHostsFile=/a -o UserKnownHostsFile=/b", "-o UserKnownHostsFile=/c -p 7 -o Port=8",
        ])
    func firstValueWins(text: String) throws {
        let words = try ShellWords.split(text, at: SourceLocation(whole: "test"))
        let resolved = try LocalCommand.run(["ssh", "-G", "-F", "/dev/null"] + words + ["target.invalid"])
        var ssh: [String: String] = [:]
        for line in resolved.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { ssh[parts[0]] = parts[1] }
        }
        let ours = InventoryConnection.sshArguments(words: words)
        #expect(ours.ignored.isEmpty)
        #expect((ours.port ?? 22) == Int(ssh["port"] ?? ""), "port")
        #expect((ours.user ?? NSUserName()) == ssh["user"], "user")
        #expect(ours.proxyJump == ssh["proxyjump"], "ProxyJump")
        if let files = ours.knownHosts { #expect(files.joined(separator: " ") == ssh["userknownhostsfile"]) }
    }

    @Test("a second -J is refused, as ssh refuses it")
    func secondJump() {
        #expect(
            InventoryConnection.sshArguments(words: ["-J", "a", "-J", "b"]).ignored == [
                "a second jump host (-J b) is refused by ssh: give the hops in one -J, comma-separated"
            ])
        #expect(throws: (any Error).self) {
            try LocalCommand.run(["ssh", "-G", "-F", "/dev/null", "-J", "a", "-J", "b", "target.invalid"])
        }
    }
}
