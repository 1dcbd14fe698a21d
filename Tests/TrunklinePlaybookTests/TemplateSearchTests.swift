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
}
