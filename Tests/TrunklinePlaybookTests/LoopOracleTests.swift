import Foundation
import Testing
import TrunklineCore
import TrunklineInput
import TrunklineTestSupport

@testable import TrunklinePlaybook

/// ansible-playbook is the oracle for loops: each case is a task's loop (with its
/// `loop_control:` and `when:`), run once by ansible-playbook in check mode on localhost (a
/// `debug` task) and built by Trunkline (a `command` step); the repetitions, their labels and
/// which are skipped must agree, and a loop Ansible refuses Trunkline must refuse.
@Suite("ansible-playbook as the oracle for loops")
struct LoopOracleTests {

    static let variables = """
        ports: [eth0, eth1]
        nested: [[a, b], c]
        bridges: [{name: br0}, {name: br1}]
        empty: []
        word: foo
        """

    static let cases = [
        #"loop: "{{ ports }}""#,
        #"with_items: "{{ nested }}""#,
        #"loop: "{{ nested }}""#,
        #"with_items: "{{ word }}""#,
        #"loop: "{{ word }}""#,
        #"loop: "{{ bridges }}""#,
        #"loop: "{{ bridges[0] }}""#,
        #"loop: "{{ empty }}""#,
        #"loop: [1, "{{ word }}", [x], true]"#,
        #"with_items: [[1, [2]], 3]"#,
        "loop: \"{{ bridges }}\"\nloop_control: {loop_var: b, label: \"{{ b.name }}\"}",
        "loop: [a, b]\nloop_control: {index_var: i, label: \"{{ i }}:{{ item }}\"}",
        "loop: \"{{ ports }}\"\nwhen: item != 'eth0'",
        "loop: \"{{ ports | map('upper') | list }}\"\nwhen: [item is string, \"'1' in item\"]",
        #"loop: "{{ range(3) | list }}""#,
    ]

    /// One task's outcome: its repetitions (`skip` before a skipped one), or that it failed.
    static let ansible: [String: [String]] = (try? runAnsible()) ?? [:]

    @Test("Trunkline repeats, names and skips as ansible-playbook does", arguments: cases.indices)
    func agrees(index: Int) throws {
        try #require(!Self.ansible.isEmpty, "no ansible-playbook at \(AnsiblePlaybook.venv): run scripts/install-deps")
        let expected = try #require(Self.ansible["case \(index)"], "ansible-playbook did not run case \(index)")
        #expect(trunkline(index) == expected, "\(Self.cases[index])")
    }

    func trunkline(_ index: Int) -> [String] {
        let body = Self.cases[index].split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        let playbook = """
            - hosts: all
              steps:
                - name: case \(index)
                  command: {shell: echo}
            \(body)
            """
        let variables = (try? YAMLNode.parse(Self.variables, file: "vars"))??.value()
        guard case .map(let values)? = variables else { return ["no variables"] }
        do {
            return try PlaybookText.load(playbook)[0].steps[0].instances(variables: values).map {
                $0.kind == nil ? "skip \($0.name)" : $0.name
            }
        } catch {
            return ["failed"]
        }
    }

    /// Every case as a task of one playbook, run once; its output read per task.
    static func runAnsible() throws -> [String: [String]] {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-loop-oracle-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let tasks = cases.enumerated().map { index, loop in
            (["- name: case \(index)", "  debug: {msg: x}", "  ignore_errors: true"]
                + loop.split(separator: "\n").map { "  " + $0 })
                .map { "    " + $0 }.joined(separator: "\n")
        }
        let vars = variables.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        let playbook =
            "- hosts: localhost\n  gather_facts: false\n  vars:\n\(vars)\n  tasks:\n" + tasks.joined(separator: "\n")
            + "\n"
        try playbook.write(toFile: work + "/loops.yml", atomically: true, encoding: .utf8)
        guard let text = try AnsiblePlaybook.output(["-C", "-i", "localhost,", "-c", "local", "loops.yml"], in: work)
        else { return [:] }
        return outcomes(text)
    }

    /// The repetitions of each `TASK [case N]` of the default callback's output.
    static func outcomes(_ text: String) -> [String: [String]] {
        var outcomes: [String: [String]] = [:], task = ""
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("TASK ["), let close = line.firstIndex(of: "]") {
                task = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
                outcomes[task] = []
            } else if line.hasPrefix("fatal: [localhost]") {
                outcomes[task] = ["failed"]
            } else if let item = line.firstMatch(
                of: #/^(ok|skipping): \[localhost\](?: => \(item=(.*?)\))?(?: => \{)? *$/#)
            {
                let name = item.2.map { "\(task) (item=\($0))" } ?? task
                outcomes[task, default: []].append(item.1 == "skipping" ? "skip \(name)" : name)
            }
        }
        return outcomes
    }
}
