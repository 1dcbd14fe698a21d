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

    @Test("a role's vars/ or meta/ is refused with what to do instead", arguments: ["vars", "meta"])
    func refused(directory name: String) throws {
        let (directory, path) = try TemplateSearchTests.playbook([
            "site.yml": "- hosts: all\n  roles: [agent]\n", "roles/agent/tasks/main.yml": "[]\n",
            "roles/agent/\(name)/main.yml": "x: 1\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: InputError.self) { try PlaybookLoader.load(path) }
        #expect(error?.description.contains("not supported: the role's \(name)/") == true, "\(error!)")
    }
}
