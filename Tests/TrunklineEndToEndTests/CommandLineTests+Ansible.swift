import Foundation
import Testing
import TrunklineCore
import TrunklineInput
import TrunklineTestSupport
import TrunklineTransport

@testable import TrunklineCommands
@testable import TrunklineEngine
@testable import TrunklineRun

/// An ansible-playbook user's habits, with no host contacted (port 9 on 127.0.0.1 answers nothing).
extension CommandLineTests {
    static let loops = """
        - name: bridges
          hosts: all
          steps:
            - name: add bridge
              command: {argv: [echo, "{{ item }}"]}
              loop: "{{ bridges | default(['br0']) }}"
            - command: {argv: [echo, hi]}
        """

    func write(_ text: String, to file: String) throws {
        try text.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8)
    }

    @Test("--syntax-check is validate, on check and apply; -e takes several key=value words (strings) and JSON")
    func syntaxCheck() throws {
        try write(Self.loops, to: "loops.yml")
        for command in ["check", "apply"] {
            #expect(
                try trunkline([command, "--syntax-check", "-i", "hosts.yml", "loops.yml"]) == (
                    0, "valid: 1 plays, 1 hosts, 2 host steps\n"
                ))
        }
        // As in Ansible, a key=value value is a string: a list is written as JSON.
        #expect(
            try trunkline(["validate", "-i", "hosts.yml", "-e", "bridges=[a,b,c] x=1", "loops.yml"])
                == (1, "loops.yml:6:13: error: loop: must be a list, not a string ('[a,b,c]')\n"))
        #expect(
            try trunkline(["validate", "-i", "hosts.yml", "-e", #"{"bridges": ["a", "b"]}"#, "loops.yml"]) == (
                0, "valid: 1 plays, 1 hosts, 3 host steps\n"
            ))
        #expect(
            try trunkline(["validate", "-i", "hosts.yml", "-e", "bridges=x", "loops.yml"])
                == (1, "loops.yml:6:13: error: loop: must be a list, not a string ('x')\n"))
    }

    @Test("--list-hosts and --list-tasks list each play's hosts after --limit (@FILE too) and its steps")
    func listing() throws {
        try write(Self.loops, to: "loops.yml")
        try write(
            "all:\n  vars: {ansible_host: 127.0.0.1, ansible_port: 9}\n  hosts:\n    h1:\n    h2:\n    h3:\n",
            to: "three.yml")
        try write("h3\nh1\n", to: "retry")
        let (status, output) = try trunkline([
            "apply", "-i", "three.yml", "--list-hosts", "--list-tasks", "--limit", "@retry", "loops.yml",
        ])
        #expect(status == 0)
        #expect(
            output == """

                playbook: loops.yml

                  play #1 (all): bridges\tTAGS: []
                    pattern: all
                    hosts (2):
                      h1
                      h3
                    steps:
                      [1] command: add bridge (loop)\tTAGS: []
                      [2] command: echo hi\tTAGS: []

                """)
        #expect(
            try trunkline(["check", "-i", "three.yml", "--list-hosts", "-l", "h2", "loops.yml"]).1.hasSuffix(
                "hosts (1):\n      h2\n"))
    }

    @Test(
        "--list-tasks lists the steps --tags, --skip-tags and --start-at-task select, with their tags; validate counts them"
    )
    func tags() throws {
        try write(
            """
            - name: tagged
              hosts: all
              tags: net
              steps:
                - {name: one, command: {argv: [echo, 1]}, tags: [a]}
                - {name: two, command: {argv: [echo, 2]}, tags: "b,never"}
                - {name: three, command: {argv: [echo, 3]}}
            """, to: "tags.yml")
        let list = { (flags: [String]) in
            try trunkline(["check", "-i", "hosts.yml", "--list-tasks"] + flags + ["tags.yml"])
        }
        #expect(try list(["-t", "b"]).1.hasSuffix("steps:\n      [2] command: two\tTAGS: [b, net, never]\n"))
        #expect(
            try list(["--skip-tags", "a", "--start-at-task", "t*"]).1.hasSuffix(
                "steps:\n      [3] command: three\tTAGS: [net]\n"))
        #expect(
            try trunkline(["validate", "-i", "hosts.yml", "--tags", "a,b", "tags.yml"]) == (
                0, "valid: 1 plays, 1 hosts, 2 host steps\n"
            ))
        #expect(
            try list(["--start-at-task", "two"]) == (
                1, "--start-at-task: error: no selected step is named 'two' (--tags and --skip-tags leave it out)\n"
            ))
        #expect(
            try list(["--start-at-task", "thre"]) == (
                1, "--start-at-task: error: no selected step is named 'thre' (did you mean 'three'?)\n"
            ))
    }

    @Test("a --limit that matches no host is an error, exit 1, as in Ansible")
    func limitMatchingNothing() throws {
        #expect(
            try trunkline(["check", "-i", "hosts.yml", "-l", "h9*", "play.yml"]) == (
                1, "--limit: error: 'h9*' matches no host of the inventory\n"
            ))
        #expect(
            try trunkline(["validate", "-i", "hosts.yml", "-l", "@missing", "play.yml"])
                == (1, "--limit: error: cannot read missing: no such file or directory\n"))
    }

    @Test("apply -C and --check run as check: nothing applied, the run recorded as a check")
    func applyCheck() throws {
        for flag in ["-C", "--check"] {
            let runs = directory + "/runs" + flag
            let (status, _) = try trunkline([
                "apply", flag, "-i", "hosts.yml", "-T", "2", "-f", "1", "--runs-dir", runs, "play.yml",
            ])
            #expect(status == 4)
            let run = try #require(try FileManager.default.contentsOfDirectory(atPath: runs).first)
            let result =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: "\(runs)/\(run)/result.json"))) as? [String: Any]
            #expect(result?["mode"] as? String == "check")
        }
    }

    @Test("--retry-file writes the failed and unreachable hosts, one a line in inventory order, for --limit @FILE")
    func retryFile() throws {
        try write(
            "all:\n  vars: {ansible_host: 127.0.0.1, ansible_port: 9}\n  hosts:\n    h1:\n    h2:\n    h3:\n",
            to: "three.yml")
        let run = ["-i", "three.yml", "-T", "2", "--runs-dir", directory + "/runs", "play.yml"]
        #expect(try trunkline(["check", "--retry-file", "retry/hosts", "-l", "h3,h1"] + run).0 == 4)
        #expect(try String(contentsOfFile: directory + "/retry/hosts", encoding: .utf8) == "h1\nh3\n")
        #expect(
            try trunkline(["check", "--list-hosts", "-l", "@retry/hosts"] + run).1.hasSuffix(
                "hosts (2):\n      h1\n      h3\n"))
        let (status, _) = try trunkline(["apply", "-C", "--retry-file", "three.yml/retry", "-l", "h2"] + run)
        #expect(status == 1)
    }

    @Test(
        "a rollout stopped by max_fail_percentage: the retry file holds what ansible-playbook's does, not the hosts never reached"
    )
    func retryFileAgainstAnsible() throws {
        let ansible = InventoryOracleTests.venv + "/bin/ansible-playbook"
        try #require(FileManager.default.isExecutableFile(atPath: ansible), "no \(ansible)")
        try write(
            "all:\n  vars: {ansible_host: 127.0.0.1, ansible_port: 9}\n  hosts:\n    h1:\n    h2:\n    h3:\n",
            to: "three.yml")
        let play = "- hosts: all\n  serial: 1\n  max_fail_percentage: 0\n"
        try write(play + "  steps:\n    - command: {argv: [\"true\"]}\n", to: "serial.yml")
        try write(play + "  gather_facts: false\n  tasks:\n    - ping:\n", to: "serial-ansible.yml")
        let environment = [
            "env", "HOME=\(directory)", "ANSIBLE_RETRY_FILES_ENABLED=1",
            "ANSIBLE_RETRY_FILES_SAVE_PATH=\(directory)/ansible",
            "ANSIBLE_LOCAL_TEMP=\(directory)/tmp", "ANSIBLE_TIMEOUT=2",
        ]
        _ = try LocalCommand.run(
            environment + [
                "/bin/sh", "-c", "cd '\(directory)' && '\(ansible)' -i three.yml serial-ansible.yml || true",
            ])
        let expected = try String(contentsOfFile: directory + "/ansible/serial-ansible.retry", encoding: .utf8)
        let (status, output) = try trunkline(
            [
                "apply", "-i", "three.yml", "-T", "2", "--runs-dir", directory + "/runs", "--retry-file", "ours",
                "serial.yml",
            ])
        #expect(status == 4 && output.contains("NOT REACHED (2): h2, h3"), "\(output)")
        #expect(try String(contentsOfFile: directory + "/ours", encoding: .utf8) == expected)
        #expect(expected == "h1\n")
    }

    @Test("FORCE_COLOR paints the report in a pipe; NO_COLOR and a pipe alone leave it plain")
    func colour() throws {
        let check = ["check", "-i", "hosts.yml", "-T", "2", "--runs-dir", directory + "/runs", "play.yml"]
        let failed = "\u{1B}[31mh1: UNREACHABLE!"
        #expect(try trunkline(check, as: ["env", "FORCE_COLOR=1"]).1.contains(failed))
        #expect(try !trunkline(check, as: ["env", "FORCE_COLOR=0"]).1.contains("\u{1B}["))
        #expect(try !trunkline(check, as: ["env", "NO_COLOR=1"]).1.contains("\u{1B}["))
        #expect(try !trunkline(check).1.contains("\u{1B}["))
    }

    @Test("Ansible's short flags map to Trunkline's options")
    func shortFlags() throws {
        let parsed = try ApplyCommand.parse([
            "-C", "-D", "-b", "-k", "-K", "-u", "ops", "-T", "3", "-f", "7", "-i", "hosts.yml", "play.yml",
        ])
        #expect(
            parsed.check && parsed.options.diff && parsed.options.connection.become && parsed.options.connection.askPass
                && parsed.options.connection.askBecomePass)
        #expect(
            parsed.options.connection.user == "ops" && parsed.options.connection.timeout == 3
                && parsed.options.parallelism.forks == 7)
        let keys = try ApplyCommand.parse(["--private-key", "/k1", "--identity", "/k2", "-i", "h.yml", "p.yml"])
        #expect(keys.options.identity == ["/k1", "/k2"], "--private-key is ansible-playbook's name for --identity")
    }

    @Test("exec --help prints the help, as every command does")
    func execHelp() throws {
        for flag in ["--help", "-h"] {
            let (status, output) = try trunkline(["exec", flag])
            #expect(status == 0)
            #expect(output.hasPrefix("OVERVIEW: Run a command on many hosts in parallel"), "\(output)")
        }
    }

    @Test("a mistyped command suggests the one meant, with the usage error's 64")
    func mistypedCommand() throws {
        let (status, output) = try trunkline(["chek", "-i", "hosts.yml", "play.yml"])
        #expect(status == 64)
        #expect(output.hasPrefix("Error: unknown command 'chek' (did you mean 'check'?)\n"), "\(output)")
        #expect(
            try trunkline(["frobnicate"]).1.hasPrefix(
                "Error: unknown command 'frobnicate'; the commands are ping, exec, inventory"))
        #expect(try trunkline(["--version"]) == (0, TrunklineCommand.version + "\n"))
    }

    @Test(
        "a playbook written as Ansible's is told Trunkline's names",
        arguments: [
            ("tasks: []", "unknown key 'tasks' in a play (Trunkline's 'tasks' is 'steps')"),
            (
                "steps: [{ansible.builtin.lineinfile: {path: /x}}]",
                "unknown step kind 'ansible.builtin.lineinfile' (Ansible's ansible.builtin.lineinfile is Trunkline's 'lines')"
            ),
            (
                "steps: [{lineinfile: {path: /x}}]",
                "unknown step kind 'lineinfile' (Ansible's lineinfile is Trunkline's 'lines')"
            ),
            ("steps: [{ansible.posix.sysctl: {}}]", "(Ansible's ansible.posix.sysctl is Trunkline's 'sysctl')"),
            ("steps: [{template: {}}]", "(Ansible's template is Trunkline's 'file: {template: …}')"),
            ("steps: [{openvswitch.openvswitch.openvswitch_bond: {}}]", "is Trunkline's 'ovs')"),
            ("steps: [{openvswitch_port: {}}]", "is Trunkline's 'ovs')"),
            ("steps: [{openvswitch.openvswitch.openvswitch_bridge: {}}]", "is Trunkline's 'ovs')"),
            ("steps: [{community.general.kernel_blacklist: {}}]", "is Trunkline's 'module_blacklist')"),
            ("steps: [{systemd: {}}]", "(Ansible's systemd is Trunkline's 'service')"),
            ("steps: [{ansible.builtin.service: {}}]", "is Trunkline's 'service')"),
            ("steps: [{apt: {}}]", "(Ansible's apt is Trunkline's 'package')"),
            ("steps: [{yum: {}}]", "(Ansible's yum is Trunkline's 'package')"),
            ("steps: [{fiel: {}}]", "unknown step kind 'fiel' (did you mean 'file'?)"),
        ])
    func ansibleNames(body: String, expected: String) throws {
        try write("- hosts: all\n  \(body)\n", to: "ansible.yml")
        let (status, output) = try trunkline(["validate", "-i", "hosts.yml", "ansible.yml"])
        #expect(status == 1)
        #expect(output.hasPrefix("ansible.yml:2:") && output.hasSuffix(expected + "\n"), "\(output)")
    }

    @Test("the recap counts skipped steps, as Ansible's does")
    func recapSkipped() {
        let step = { (index: Int) in
            PlannedStep(index: index, name: "s\(index)", kind: "command", changes: [], alwaysChanges: false)
        }
        let outcome = HostOutcome(
            host: "hv1",
            steps: [
                StepOutcome(step: step(1), status: .ok), StepOutcome(step: step(2), status: .skipped),
                StepOutcome(step: step(3), status: .skipped), StepOutcome(step: step(4), status: .changed),
            ])
        #expect(RunReport.recapLine(outcome) == "hv1  ok=1 changed=1 failed=0 unreachable=0 skipped=2")
    }

    @Test(
        "--changes-only hides ok and skipped steps, the default above 20 hosts; --show-ok brings them back; the recap counts them all"
    )
    func changesOnly() throws {
        let step = { (index: Int) in
            PlannedStep(index: index, name: "s\(index)", kind: "command", changes: [], alwaysChanges: false)
        }
        let outcome = HostOutcome(
            host: "hv1",
            steps: [
                StepOutcome(step: step(1), status: .ok), StepOutcome(step: step(2), status: .skipped),
                StepOutcome(step: step(3), status: .failed), StepOutcome(step: step(4), status: .changed),
            ])
        let report = RunReport(format: .text, showDiff: false, apply: true)
        #expect(
            report.lines(outcome, colour: false, detail: .changesOnly) == [
                "hv1  failed  [3] command: s3", "hv1  changed  [4] command: s4",
            ])
        #expect(report.lines(outcome, colour: false).count == 4)
        #expect(RunReport.recapLine(outcome) == "hv1  ok=1 changed=1 failed=1 unreachable=0 skipped=1")
        let detail = { (flags: [String], hosts: Int) in try StepDetailOptions.parse(flags).detail(hosts: hosts) }
        #expect(try detail([], 20) == .all && detail([], 21) == .changesOnly)
        #expect(try detail(["--changes-only"], 1) == .changesOnly && detail(["--show-ok"], 500) == .all)
        #expect(try trunkline(["check", "--changes-only", "--show-ok", "-i", "hosts.yml", "play.yml"]).0 == 64)
    }

    @Test("-v shows each change's commands under it; without it they are not shown")
    func verboseCommands() throws {
        let change = Change(summary: "restart ovs", effects: [.run(["systemctl", "restart", "openvswitch switch"])])
        let step = PlannedStep(index: 1, name: "restart", kind: "command", changes: [change], alwaysChanges: false)
        let outcome = HostOutcome(host: "hv1", steps: [StepOutcome(step: step, status: .changed)])
        let expected = [
            "hv1  change  [1] command: restart", "    - restart ovs",
            "        $ systemctl restart 'openvswitch switch'",
        ]
        #expect(
            RunReport(format: .text, showDiff: false, apply: false, verbosity: .commands).lines(outcome, colour: false)
                == expected)
        #expect(
            RunReport(format: .text, showDiff: false, apply: false).lines(outcome, colour: false)
                == Array(expected.prefix(2)))
        #expect(try StepDetailOptions.parse(["-vvv"]).verbosity == .trace)
        #expect(try StepDetailOptions.parse(["-v"]).verbosity == .commands)
    }

    @Test("-vvv's trace lines: secrets masked, long words cut to their start and size, stdin only counted")
    func traceLines() {
        SecretValues.add("vault-secret-9041")
        let script = "set -e\n" + String(repeating: "echo x; ", count: 20)
        let exec = ConnectionEvent.exec(
            argv: ["sh", "-c", script, "db_password=hunter22", "token vault-secret-9041"], become: true,
            stdinBytes: 10, exitStatus: 0, stdoutBytes: 5, stderrBytes: 0)
        #expect(
            exec.line(host: "hv1")
                == "<hv1> SSH: exec (sudo) sh -c 'set -e…'(\(script.utf8.count) B) 'db_password=********' 'token ********': exit 0, stdin 10 B, stdout 5 B, stderr 0 B"
        )
        #expect(
            ConnectionEvent.connected(address: "10.0.0.1", port: 22, jumpHosts: ["ops@b1:2222"]).line(host: "hv1")
                == "<hv1> SSH: connected to 10.0.0.1:22 via ops@b1:2222")
        #expect(
            ConnectionEvent.authenticated(user: "root", method: "key /k").line(host: "hv1")
                == "<hv1> SSH: authenticated as root with key /k")
        #expect(
            ConnectionEvent.exec(
                argv: ["true"], become: false, stdinBytes: 0, exitStatus: nil, stdoutBytes: 0, stderrBytes: 0
            ).line(host: "h") == "<h> SSH: exec true: ended by a signal, stdin 0 B, stdout 0 B, stderr 0 B")
    }

    @Test(
        "each subcommand's help has examples, and every example parses as the command line it shows",
        arguments: ["check", "apply", "validate", "ping", "exec", "facts", "drift", "history", "inventory"])
    func helpExamples(command: String) throws {
        let subcommand = try #require(
            TrunklineCommand.configuration.subcommands.first { $0.configuration.commandName == command })
        let help = TrunklineCommand.helpMessage(for: subcommand, columns: 500)
        #expect(help.contains("Examples:"), "\(help)")
        let examples = help.split(separator: "\n").filter { $0.hasPrefix("  trunkline \(command) ") }
        #expect(examples.count >= 1)
        for example in examples {
            let words = try ShellWords.split(String(example), at: SourceLocation(whole: "help"))
            #expect(throws: Never.self, "\(example)") { _ = try TrunklineCommand.parseAsRoot(Array(words.dropFirst())) }
        }
    }

    @Test("-vv adds each host's timings of its facts execs and apply scripts; -v does not show them")
    func verboseTimings() throws {
        var outcome = HostOutcome(host: "hv1", steps: [])
        outcome.timings = HostTimings(facts: [.milliseconds(120), .milliseconds(80)], apply: [.milliseconds(2310)])
        let report = { (verbosity: Verbosity) in
            RunReport(format: .text, showDiff: false, apply: true, verbosity: verbosity).lines(outcome, colour: false)
        }
        #expect(report(.timings) == ["hv1  timings: facts 120 ms, 80 ms; apply 2.31 s"])
        #expect(report(.trace) == report(.timings))
        #expect(report(.commands).isEmpty)
        #expect(RunReport.timingsLine(HostOutcome(host: "hv2", steps: [], failure: "unreachable")) == nil)
        let change = Change(summary: "write /etc/motd", diff: "", effects: [.run(["true"])])
        let step = PlannedStep(index: 3, name: "/etc/motd", kind: "file", changes: [change], alwaysChanges: false)
        let timed = HostOutcome(host: "hv1", steps: [StepOutcome(step: step, status: .changed, seconds: 0.01)])
        let line = { (verbosity: Verbosity) in
            RunReport(format: .text, showDiff: false, apply: true, verbosity: verbosity).lines(timed, colour: false)[0]
        }
        #expect(line(.timings) == "hv1  changed  [3] file: /etc/motd  (10 ms)")
        #expect(line(.commands) == "hv1  changed  [3] file: /etc/motd")
        #expect(try StepDetailOptions.parse(["-vv"]).verbosity == .timings)
    }

    @Test(
        "ping and exec take -i INVENTORY PATTERN as ansible does, each host reached with its inventory variables; literal hosts still work"
    )
    func adHocPattern() throws {
        try write(
            "all:\n  vars: {ansible_host: 127.0.0.1, ansible_port: 9}\n  hosts:\n    h1:\n    h2:\n    h3:\n",
            to: "three.yml")
        let (status, output) = try trunkline(["ping", "-T", "2", "-i", "three.yml", "h1:h3"])
        #expect(status == 4)
        #expect(output.split(separator: "\n").map { $0.prefix(while: { $0 != " " }) }.sorted() == ["h1", "h3"])
        #expect(output.contains("h1 (127.0.0.1): cannot connect to port 9"))
        let exec = try trunkline(["exec", "-T", "2", "-i", "three.yml", "all", "--", "true"])
        #expect(exec.0 == 4 && exec.1.split(separator: "\n").filter { $0.contains(" | FAILED | ") }.count == 3)
        #expect(
            try trunkline(["ping", "-i", "three.yml", "h9"]) == (
                1,
                "the host pattern: error: unknown host pattern 'h9': no group or host has that name (did you mean 'h1'?)\n"
            ))
        let literal = try trunkline(["ping", "-T", "2", "--identity", "/nonexistent", "127.0.0.1:9"])
        #expect(literal.0 == 4 && literal.1.hasPrefix("127.0.0.1  unreachable"))
    }
}
