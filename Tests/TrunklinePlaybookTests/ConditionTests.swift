import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklinePlaybook

@Suite("when: conditions are strict Jinja expressions")
struct ConditionTests {
    static let location = SourceLocation(file: "steps.yml", line: 3, column: 9)

    func condition(
        _ text: String, _ variables: [String: Value] = ["maintenance": .bool(false), "vlans": .list([.int(31)])]
    ) throws -> Condition {
        try Condition(text, variables: variables, at: Self.location)
    }

    // Before, a misspelt fact skipped the step and an undefined variable ran it, without a word.
    @Test("a misspelt or undefined name is an error naming it, with a did-you-mean")
    func undefined() {
        #expect {
            try condition(#"os_famly == "debian""#)
        } throws: { error in
            "\(error)"
                == #"steps.yml:3:9: error: undefined variable 'os_famly' in when: os_famly == "debian" (did you mean 'os_family'?)"#
        }
        #expect {
            try condition("not maintenance_mode")
        } throws: { error in
            "\(error)" == "steps.yml:3:9: error: undefined variable 'maintenance_mode' in when: not maintenance_mode"
        }
        #expect(throws: InputError.self) { try condition("os_family ==") }
        #expect {
            try condition(#"ansible_os_family == "Debian""#)
        } throws: { error in
            (error as? InputError)?.hint == "Trunkline's fact is 'os_family', its value in lower case (debian, rhel)"
        }
    }

    @Test("is defined, default and Jinja's operators work; a condition without facts is decided at once")
    func defined() throws {
        #expect(try condition("maintenance_mode is defined and maintenance_mode").decidedWithoutFacts == false)
        #expect(try condition("maintenance_mode is not defined").decidedWithoutFacts == true)
        #expect(try condition("maintenance_mode | default(true)").decidedWithoutFacts == true)
        #expect(try condition("31 in vlans and vlans | length == 1 and not maintenance").decidedWithoutFacts == true)
        #expect(try condition("{{ maintenance }}").decidedWithoutFacts == false)
    }

    @Test("a condition on facts waits for them")
    func facts() throws {
        let debian = try condition(#"os_family == "debian" and 'eth0' in interfaces"#)
        #expect(try debian.decidedWithoutFacts == nil)
        #expect(
            try debian.holds(for: StepHarness.facts())
                == (StepHarness.facts().interfaces.contains("eth0") && StepHarness.facts().osFamily == .debian))
        #expect(try condition(#"os_family == "rhel""#).holds(for: StepHarness.facts(family: .rhel)))
    }

    @Test("a fact's name counts only as a word of its own, and next to a non-ASCII letter it still counts")
    func factWords() {
        for expression in [
            "os_family", "(hostname)", "x and os_id=='debian'", "'eth0' in interfaces", "é+network_system",
            "os_version\u{301}", "a|os_family",
        ] {
            #expect(Condition.namesFact(expression), "\(expression)")
        }
        for expression in ["", "os_family2", "my_hostname", "interfaces_x", "OS_FAMILY", "_os_id", "é"] {
            #expect(!Condition.namesFact(expression), "\(expression)")
        }
    }

    @Test("a list of conditions must all hold; a YAML boolean is one")
    func list() throws {
        let playbook = """
            - hosts: all
              steps:
                - name: both
                  lines: {path: /etc/x, lines: [a]}
                  when:
                    - vlan > 1
                    - not legacy
                - name: always
                  lines: {path: /etc/y, lines: [b]}
                  when: yes
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-when-\(UUID().uuidString).yml"
        ).path
        try playbook.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let steps = try PlaybookLoader.load(path)[0].steps
        #expect(steps[0].when == "(vlan > 1) and (not legacy)")
        #expect(try steps[0].instance(variables: ["vlan": .int(2), "legacy": .bool(true)]).kind == nil)
        #expect(try steps[0].instance(variables: ["vlan": .int(2), "legacy": .bool(false)]).kind != nil)
        #expect(try steps[1].instance(variables: [:]).kind != nil)
    }
}
