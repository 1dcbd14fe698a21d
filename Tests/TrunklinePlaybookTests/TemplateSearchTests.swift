import Foundation
import Testing
import TrunklineCore

@testable import TrunklineEngine
@testable import TrunklinePlaybook

/// A role's template that includes, imports and extends templates and looks up files, found
/// where Ansible's template module finds them: the role's `templates/` and the playbook's, and
/// the role's `files/`.
@Suite("Templates that read other templates and files")
struct TemplateSearchTests {
    /// A playbook directory with role `agent`, its files written from `files` (path → text).
    static func playbook(_ files: [String: String]) throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-search-\(UUID().uuidString)")
        for (path, text) in files {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return (directory, directory.appendingPathComponent("site.yml").path)
    }

    static let estate = [
        "site.yml": "- hosts: all\n  roles: [agent]\n",
        "roles/agent/steps.yml": "- file: {path: /etc/network/interfaces, template: interfaces.j2}\n",
        "roles/agent/templates/interfaces.j2": """
        {% extends 'base.j2' %}
        {% import 'macros.j2' as m %}
        {% block body %}
        {% for port in ports %}
        {{ m.stanza(port) }}
        {% endfor %}
        {% endblock %}
        """,
        "roles/agent/templates/macros.j2":
            "{% macro stanza(p) -%}\nauto {{ p }}\niface {{ p }} inet manual\n{%- endmacro %}\n",
        "templates/base.j2": "{% include 'header.j2' %}\n{% block body %}{% endblock %}",
        "roles/agent/templates/header.j2": "# {{ lookup('file', 'banner.txt') }} on {{ inventory_hostname }}\n",
        "roles/agent/files/banner.txt": "managed by Trunkline\n\n",
    ]

    func content(_ files: [String: String], _ variables: [String: Value]) throws -> String {
        let (directory, path) = try Self.playbook(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let step = try PlaybookLoader.load(path)[0].steps[0].instance(variables: variables)
        let file = try #require(step.kind as? FileStep)
        return String(decoding: try #require(file.content), as: UTF8.self)
    }

    @Test(
        "a role's template extends the playbook's base, imports the role's macros and includes a header that looks up a file"
    )
    func rendersFromBothDirectories() throws {
        let text = try content(
            Self.estate, ["ports": .list([.string("eth0"), .string("eth1")]), "inventory_hostname": .string("hv01")])
        #expect(
            text
                == "# managed by Trunkline on hv01\nauto eth0\niface eth0 inet manual\nauto eth1\niface eth1 inet manual\n"
        )
    }

    @Test("the role's template wins over the playbook's of the same name, as in Ansible's search path")
    func roleFirst() throws {
        var files = Self.estate
        files["templates/header.j2"] = "# the playbook's header\n"
        files["roles/agent/templates/base.j2"] = "role base: {% block body %}{% endblock %}"
        let text = try content(files, ["ports": .list([.string("eth0")]), "inventory_hostname": .string("hv01")])
        #expect(text == "role base: auto eth0\niface eth0 inet manual\n")
    }

    /// The error the estate with `changes` is refused with when a host's step is built.
    func refusal(_ changes: [String: String]) -> String {
        let files = Self.estate.merging(changes) { _, changed in changed }
        let error = #expect(throws: InputError.self) {
            try content(files, ["ports": .list([]), "inventory_hostname": .string("hv01")])
        }
        return error?.description ?? ""
    }

    @Test("an undefined variable in an included template names that template's file and line")
    func errorNamesIncludedFile() {
        let message = refusal(["roles/agent/templates/header.j2": "# header\n# {{ undefined_in_header }}\n"])
        #expect(message.contains("undefined variable 'undefined_in_header'"), "\(message)")
        #expect(message.contains("line 2") && message.contains("roles/agent/templates/header.j2"), "\(message)")
    }

    @Test("a template name cannot climb out of the search path, and a missing one says where it was looked for")
    func missingAndClimbing() {
        let message = refusal(["roles/agent/templates/interfaces.j2": "{% include '../steps.yml' %}"])
        #expect(message.contains("template '../steps.yml' not found (looked in "), "\(message)")
        #expect(message.contains("roles/agent/templates"), "\(message)")
    }

    @Test("a template or file that is a symbolic link is read through it, as Jinja and Ansible read it")
    func symbolicLinks() throws {
        var files = Self.estate
        files["roles/agent/templates/real-header.j2"] = "# linked {{ lookup('file', 'linked.txt') }}\n"
        files["roles/agent/files/real.txt"] = "through a link\n"
        files["roles/agent/templates/header.j2"] = nil
        let (directory, path) = try Self.playbook(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let role = directory.appendingPathComponent("roles/agent")
        try FileManager.default.createSymbolicLink(
            atPath: role.appendingPathComponent("templates/header.j2").path, withDestinationPath: "real-header.j2")
        try FileManager.default.createSymbolicLink(
            atPath: role.appendingPathComponent("files/linked.txt").path, withDestinationPath: "real.txt")
        let step = try PlaybookLoader.load(path)[0].steps[0].instance(
            variables: ["ports": .list([]), "inventory_hostname": .string("hv01")])
        let text = String(decoding: try #require((step.kind as? FileStep)?.content), as: UTF8.self)
        #expect(text == "# linked through a link\n")
    }

    @Test("an error in a macro of an imported template names that template's file and line")
    func macroErrorNamesItsFile() {
        let message = refusal([
            "roles/agent/templates/interfaces.j2": "{% import 'macros.j2' as m %}{{ m.stanza('eth0') }}",
            "roles/agent/templates/macros.j2": "\n\n{% macro stanza(p) %}{{ p.missing_key }}{% endmacro %}\n",
        ])
        #expect(message.contains("roles/agent/templates/macros.j2") && message.contains("line 3"), "\(message)")
    }

    @Test("loop:, when: and loop_control.label look files up where the step's arguments do")
    func lookupsInLoopsAndConditions() throws {
        var files = Self.estate
        files["roles/agent/files/users.txt"] = "ada\nbob\n"
        files["roles/agent/steps.yml"] = """
            - file: {path: "/home/{{ item }}/.profile", content: "hi\\n"}
              loop: "{{ lookup('file', 'users.txt').splitlines() }}"
              loop_control: {label: "{{ item }} of {{ lookup('file', 'users.txt').splitlines() | length }}"}
              when: lookup('file', 'users.txt') is search(item)
            """
        let (directory, path) = try Self.playbook(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let steps = try PlaybookLoader.load(path)[0].steps[0].instances(variables: [:])
        #expect(
            steps.map(\.name) == [
                "/home/{{ item }}/.profile (item=ada of 2)", "/home/{{ item }}/.profile (item=bob of 2)",
            ])
        #expect(try steps.allSatisfy { try $0.condition?.decidedWithoutFacts == true })
    }

    @Test("a play whose templates include others is taken to mention any name, wherever the include is written")
    func includesMentionAnything() throws {
        var files = Self.estate
        files["roles/agent/steps.yml"] =
            "- file: {path: /etc/x, content: plain}\n  when: \"'{% include \\\"h.j2\\\" %}' != ''\"\n"
        let (directory, path) = try Self.playbook(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try PlaybookLoader.load(path)[0].mentions("hostvars"))
        let plain = try Self.playbook([
            "site.yml": "- hosts: all\n  steps:\n    - file: {path: /etc/x, content: plain}\n"
        ])
        defer { try? FileManager.default.removeItem(at: plain.directory) }
        #expect(try !PlaybookLoader.load(plain.path)[0].mentions("hostvars"))
    }
}
