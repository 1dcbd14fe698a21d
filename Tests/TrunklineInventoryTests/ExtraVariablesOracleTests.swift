import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineInput
@testable import TrunklineInventory

/// `-e` forms against `ansible-playbook -e` itself: one playbook run on localhost (connection
/// local) writes each variable as `{{ name }}` renders it and its Jinja type; Trunkline's values
/// for the same `-e` arguments must render the same text.
@Suite("-e as ansible-playbook reads it")
struct ExtraVariablesOracleTests {
    static let venv = ProcessInfo.processInfo.environment["TRUNKLINE_ANSIBLE_VENV"] ?? "/var/lib/trunkline-venv-ansible"

    /// The `-e` arguments: several key=value words in one, quoting, and values YAML would type.
    static let arguments = [
        "a=1 b=2", "yes_word=yes true_word=true", #"quoted='up to date' inner="x=y" empty="#,
        "octal=010 plus=+5 exp=1e3 hex=0x1F negative=-3 decimal=1.5 trailing=1.50",
        "list=[1,2] null=null tilde=~ date=2024-01-01", #"{"json": 1, "flag": false}"#, "{yaml: [a, 2]}",
    ]

    /// The variable names the arguments set, in order.
    static let names = [
        "a", "b", "yes_word", "true_word", "quoted", "inner", "empty", "octal", "plus", "exp", "hex", "negative",
        "decimal", "trailing", "list", "null", "tilde", "date", "json", "flag", "yaml",
    ]

    static var template: String { names.map { "\($0)=<{{ \($0) }}>\n" }.joined() }

    @Test("each variable renders into a file as Ansible renders it")
    func againstAnsible() throws {
        let executable = Self.venv + "/bin/ansible-playbook"
        try #require(FileManager.default.isExecutableFile(atPath: executable), "no \(executable)")
        let directory = NSTemporaryDirectory() + "trunkline-extra-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(Self.template.utf8).write(to: URL(fileURLWithPath: directory + "/vars.j2"))
        let playbook = """
            - hosts: localhost
              gather_facts: false
              tasks:
                - template: {src: vars.j2, dest: "\(directory)/ansible.txt"}
            """
        try Data(playbook.utf8).write(to: URL(fileURLWithPath: directory + "/play.yml"))
        let argv =
            [executable, "-i", "localhost,", "-c", "local", directory + "/play.yml"]
            + Self.arguments.flatMap { ["-e", $0] } + ["-e", "ansible_python_interpreter=\(Self.venv)/bin/python"]
        try LocalCommand.run(argv, environment: ["HOME": directory, "ANSIBLE_LOCAL_TEMP": directory + "/tmp"])
        let expected = try String(contentsOfFile: directory + "/ansible.txt", encoding: .utf8)
        let values = try ExtraVariables(parsing: Self.arguments).values
        #expect(Set(values.keys) == Set(Self.names))
        let ours = try Template.text(Self.template, variables: values, field: "vars.j2", at: SourceLocation(whole: "t"))
        let pairs = zip(ours.split(separator: "\n"), expected.split(separator: "\n"))
        for (mine, theirs) in pairs { #expect(mine == theirs) }
        #expect(ours == expected)
    }
}
