import Foundation
import Testing
import TrunklineCore

@testable import TrunklineEngine
@testable import TrunklinePlaybook

@Suite("loop: and with_items: repeat a step per item")
struct StepLoopTests {
    static let variables: [String: Value] = [
        "ports": .list([.string("eth0"), .string("eth1")]),
        "nested": .list([.list([.string("a"), .string("b")]), .string("c")]),
        "bridges": .list([.map(["name": .string("br0")]), .map(["name": .string("br1")])]),
        "word": .string("foo"),
        "empty": .list([]),
    ]

    /// The repetitions of the first step of a play whose step holds `lines` (indented as
    /// its keys), each as its name and whether it is skipped.
    func repetitions(
        _ lines: String, shell: String = "echo {{ item }}", _ variables: [String: Value] = variables
    ) throws -> [String] {
        let step = try PlaybookText.load(Self.play(lines, shell: shell))[0].steps[0]
        return try step.instances(variables: variables).map { $0.kind == nil ? "skip \($0.name)" : $0.name }
    }

    static func play(_ lines: String, shell: String = "echo {{ item }}") -> String {
        """
        - hosts: all
          steps:
            - name: port
              command: {shell: "\(shell)"}
        \(lines.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        """
    }

    @Test("each item is a step of its own, named as Ansible names it, with item among its variables")
    func items() throws {
        #expect(try repetitions(#"loop: "{{ ports }}""#) == ["port (item=eth0)", "port (item=eth1)"])
        let step = try PlaybookText.load(Self.play(#"loop: "{{ ports }}""#))[0].steps[0]
        let built = try step.instances(variables: Self.variables)
        #expect(
            built.map { ($0.kind as? CommandStep)?.argv } == [["sh", "-c", "echo eth0"], ["sh", "-c", "echo eth1"]])
        // A list item that is a list or a mapping is named by Python's repr of it.
        #expect(try repetitions(#"loop: "{{ nested }}""#) == ["port (item=['a', 'b'])", "port (item=c)"])
        #expect(
            try repetitions(#"loop: [1, "{{ word }}", [x]]"#) == [
                "port (item=1)", "port (item=foo)", "port (item=['x'])",
            ])
        #expect(
            try repetitions(#"loop: "{{ bridges }}""#) == [
                "port (item={'name': 'br0'})", "port (item={'name': 'br1'})",
            ])
    }

    @Test("with_items flattens one level and takes a scalar as one item; loop takes a list only")
    func withItems() throws {
        #expect(try repetitions(#"with_items: "{{ nested }}""#) == ["port (item=a)", "port (item=b)", "port (item=c)"])
        #expect(try repetitions(#"with_items: "{{ word }}""#) == ["port (item=foo)"])
        let error = #expect(throws: InputError.self) { try repetitions(#"loop: "{{ word }}""#) }
        #expect(
            error?.description.hasSuffix("steps.yml:5:13: error: loop: must be a list, not a string ('foo')") == true)
        let mapping = #expect(throws: InputError.self) { try repetitions(#"loop: "{{ bridges[0] }}""#) }
        #expect(mapping?.message == "loop: must be a list, not a mapping")
        #expect(mapping?.hint?.contains("dict2items") == true)
    }

    @Test("loop_control names the item, its index and the label")
    func control() throws {
        let label = #"""
            loop: "{{ bridges }}"
            loop_control: {loop_var: bridge, label: "{{ bridge.name }}"}
            """#
        #expect(try repetitions(label, shell: "echo {{ bridge.name }}") == ["port (item=br0)", "port (item=br1)"])
        #expect(
            try repetitions("loop: [a, b]\nloop_control: {index_var: i, label: \"{{ i }}-{{ item }}\"}") == [
                "port (item=0-a)", "port (item=1-b)",
            ])
    }

    @Test("when: is decided per item; an empty loop is one skipped step")
    func when() throws {
        #expect(
            try repetitions("loop: \"{{ ports }}\"\nwhen: item != 'eth0'") == [
                "skip port (item=eth0)", "port (item=eth1)",
            ])
        #expect(try repetitions(#"loop: "{{ empty }}""#) == ["skip port"])
    }

    @Test("a loop written wrong is an error where it is written")
    func errors() {
        #expect(
            PlaybookText.error(Self.play("loop: eth0"))
                == "steps.yml:5:13: error: loop: must be a list, not a string ('eth0')")
        #expect(
            PlaybookText.error(Self.play("loop: [a]\nwith_items: [b]"))
                == "steps.yml:6:19: error: a step has one loop, not loop and with_items")
        #expect(
            PlaybookText.error(Self.play("loop_control: {label: x}"))
                == "steps.yml:5:21: error: loop_control needs a loop: or with_items: on the step")
        #expect(
            PlaybookText.error(Self.play("loop: [a]\nloop_control: {loop_vra: x}"))
                == "steps.yml:6:22: error: unknown key 'loop_vra' in loop_control (did you mean 'loop_var'?)")
        #expect(
            PlaybookText.error(Self.play("loop: [a]\nloop_control: {loop_var: 'a b'}"))
                == "steps.yml:6:32: error: loop_control.loop_var must be a variable name, not 'a b'")
        #expect(
            PlaybookText.error(Self.play("with_dict: {a: 1}"))
                == "steps.yml:5:7: error: a step repeats with loop: or with_items:, not with_dict:"
                + #" (as in Ansible, with_dict: x is loop: "{{ x | dict2items }}", with_list: x is loop: x)"#)
        let handler = """
            - hosts: all
              steps: []
              handlers:
                - name: restart
                  service: {name: ovs, state: started}
                  loop: [a, b]
            """
        #expect(
            PlaybookText.error(handler)
                == "steps.yml:6:13: error: a handler cannot have loop: (loop in a step instead, or write one handler per item)"
        )
    }
}
