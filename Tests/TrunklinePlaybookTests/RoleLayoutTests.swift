import Foundation
import Testing
import TrunklineCore

@testable import TrunklineEngine
@testable import TrunklinePlaybook

/// A role laid out as Ansible lays it out is read as one laid out as Trunkline's; what Trunkline
/// does not follow of it is refused, never left out.
@Suite("Roles in Ansible's layout")
struct RoleLayoutTests {
    @Test("tasks/main.yml, handlers/main.yml and defaults/main.yml are a role's steps, handlers and defaults")
    func ansibleLayout() throws {
        let (directory, path) = try TemplateSearchTests.playbook([
            "site.yml": "- hosts: all\n  roles: [agent]\n",
            "roles/agent/tasks/main.yml":
                "- name: motd\n  file: {path: /etc/motd, content: \"{{ greeting }}\\n\"}\n  notify: note\n",
            "roles/agent/handlers/main.yml": "- name: note\n  command: {argv: [\"true\"]}\n",
            "roles/agent/defaults/main.yml": "greeting: hello\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let play = try PlaybookLoader.load(path)[0]
        #expect(play.steps.map(\.name) == ["motd"] && play.handlers.map(\.name) == ["note"])
        #expect(play.defaults["greeting"] == .string("hello"))
    }

    @Test(
        "a role's vars/ or meta/ dependencies are refused with what to do instead",
        arguments: [
            ("vars/main.yml", "x: 1\n", "not supported: the role's vars/"),
            ("meta/main.yml", "dependencies: [{role: base}]\n", "not supported: role dependencies in the role's meta/"),
        ])
    func refused(file: String, text: String, message: String) throws {
        let (directory, path) = try TemplateSearchTests.playbook([
            "site.yml": "- hosts: all\n  roles: [agent]\n", "roles/agent/tasks/main.yml": "[]\n",
            "roles/agent/\(file)": text,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: InputError.self) { try PlaybookLoader.load(path) }
        #expect(error?.description.contains(message) == true, "\(error!)")
    }

    @Test("a meta/main.yml without dependencies (galaxy_info) is read and changes nothing")
    func metaWithoutDependencies() throws {
        let (directory, path) = try TemplateSearchTests.playbook([
            "site.yml": "- hosts: all\n  roles: [agent]\n", "roles/agent/tasks/main.yml": "[]\n",
            "roles/agent/meta/main.yml": "galaxy_info: {author: ops, license: MIT}\ndependencies: []\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try PlaybookLoader.load(path)[0].steps.isEmpty)
    }
}
