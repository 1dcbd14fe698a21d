import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklinePlaybook

/// ansible-playbook is the oracle for tags: one playbook (a tagged play, a role included with
/// tags, steps tagged `always`, `never` and by comma-separated strings, an untagged play) is
/// listed by `ansible-playbook --list-tasks` with each case's `--tags`/`--skip-tags`, and
/// Trunkline must select the same steps with the same tags.
@Suite("ansible-playbook as the oracle for tags")
struct TagOracleTests {
    static let playbook = """
        - name: p1
          hosts: all
          tags: pt
          roles:
            - {role: r1, tags: [inc]}
          steps:
            - name: plain
              command: {argv: [echo, a]}
            - name: tagged a
              command: {argv: [echo, a]}
              tags: a
            - name: tagged ab
              command: {argv: [echo, a]}
              tags: "a, b"
            - name: always
              command: {argv: [echo, a]}
              tags: [always]
            - name: never
              command: {argv: [echo, a]}
              tags: [never]
            - name: never debug
              command: {argv: [echo, a]}
              tags: [never, debug]
        - name: p2
          hosts: all
          steps:
            - name: untagged
              command: {argv: [echo, a]}
            - name: c
              command: {argv: [echo, a]}
              tags: [c, rt]
        """

    static let role = """
        - name: role step
          command: {argv: [echo, r]}
          tags: [rt]
        """

    static let cases: [(tags: [String], skip: [String])] = [
        ([], []), (["a"], []), (["never"], []), (["debug"], []), ([], ["always"]), (["tagged"], []), (["untagged"], []),
        ([], ["all"]), (["all"], ["tagged"]), (["c"], ["pt"]), (["rt,b"], []), (["inc", "c"], ["never"]),
        (["always"], ["always"]),
        (["all", "never"], []), (["untagged", "a"], ["b"]),
    ]

    @Test("Trunkline selects the steps ansible-playbook --list-tasks lists, with their tags", arguments: cases.indices)
    func agrees(index: Int) throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let expected = try #require(
            try Self.ansible(project, index), "no ansible-playbook at \(AnsiblePlaybook.venv): run scripts/install-deps"
        )
        let selection = StepSelection(
            tags: TagSelection(tags: Self.cases[index].tags, skipTags: Self.cases[index].skip))
        let plays = try selection.apply(try PlaybookLoader.load(project + "/site.yml"))
        #expect(
            plays.flatMap { $0.steps.map { "\($0.name)\tTAGS: [\($0.tags.joined(separator: ", "))]" } } == expected,
            "\(Self.cases[index])")
    }

    @Test("--start-at-task starts at the first selected step its name or glob matches, across plays")
    func startAt() throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let plays = try PlaybookLoader.load(project + "/site.yml")
        let names = { (selection: StepSelection) in try selection.apply(plays).map { $0.steps.map(\.name) } }
        #expect(try names(StepSelection(startAt: "always")) == [["always"], ["untagged", "c"]])
        #expect(
            try names(StepSelection(startAt: "tag*")) == [["tagged a", "tagged ab", "always"], ["untagged", "c"]])
        #expect(try names(StepSelection(tags: TagSelection(tags: ["c"]), startAt: "c")) == [[], ["c"]])
        #expect(throws: (any Error).self) {
            try names(StepSelection(tags: TagSelection(tags: ["c"]), startAt: "plain"))
        }
    }

    /// A directory with the playbook, its role, and the same as Ansible writes it (`tasks:`, `debug`).
    static func project() throws -> String {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-tag-oracle-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: work + "/roles/r1/tasks", withIntermediateDirectories: true)
        let asAnsible = { (text: String) in
            text.replacingOccurrences(of: "  steps:", with: "  tasks:").replacingOccurrences(
                of: #"command: {argv: [echo, a]}"#, with: "debug: {msg: a}"
            )
            .replacingOccurrences(of: #"command: {argv: [echo, r]}"#, with: "debug: {msg: r}")
        }
        try playbook.write(toFile: work + "/site.yml", atomically: true, encoding: .utf8)
        try role.write(toFile: work + "/roles/r1/steps.yml", atomically: true, encoding: .utf8)
        try asAnsible(playbook).write(toFile: work + "/ansible.yml", atomically: true, encoding: .utf8)
        try asAnsible(role).write(toFile: work + "/roles/r1/tasks/main.yml", atomically: true, encoding: .utf8)
        return work
    }

    /// The tasks `ansible-playbook --list-tasks` lists for case `index`, as `NAME\tTAGS: [...]`
    /// (a role's task without its `ROLE : ` prefix); nil without ansible-playbook.
    static func ansible(_ project: String, _ index: Int) throws -> [String]? {
        let arguments =
            ["-i", "localhost,", "--list-tasks"] + cases[index].tags.flatMap { ["--tags", $0] }
            + cases[index].skip.flatMap { ["--skip-tags", $0] } + ["ansible.yml"]
        guard let text = try AnsiblePlaybook.output(arguments, in: project) else { return nil }
        return text.split(separator: "\n").filter { $0.hasPrefix("      ") && $0.contains("\tTAGS: [") }
            .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "r1 : ", with: "") }
    }
}
