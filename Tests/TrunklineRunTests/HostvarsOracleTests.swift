import Foundation
import Testing
import TrunklineCore
import TrunklineInput
import TrunklineInventory
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklineRun

/// ansible-playbook is the oracle for `hostvars`: the same INI inventory and play, each
/// expression rendered once by a `debug` task and once by Trunkline into a command step's argv.
/// (Ansible's `hostvars` also lists an implicit `localhost`, which Trunkline's does not: no case
/// counts the hosts.)
@Suite("ansible-playbook as the oracle for hostvars")
struct HostvarsOracleTests {
    static let inventory = """
        [hv]
        hv1.zone1.example ansible_host=10.0.0.1 rack=a
        hv2 ansible_host=10.0.0.2
        [hv:vars]
        mtu=9000
        [storage]
        st1 ansible_host=10.0.1.1 mtu=1500
        """

    static let expressions = [
        "{% for h in groups['all'] | sort %}{{ hostvars[h].ansible_host }} {{ h }};{% endfor %}",
        "{{ hostvars['hv1.zone1.example'].rack }}",
        "{{ hostvars['st1'].zone | default('not the play vars') }}",
        "{{ hostvars['hv2']['mtu'] }}/{{ hostvars['st1'].mtu }}",
        "{{ hostvars['st1'].group_names | join(',') }}",
        "{{ hostvars['hv1.zone1.example'].inventory_hostname_short }}",
        "{{ hostvars['hv2'].ansible_play_hosts | default('not the play hosts') }}",
        "{{ hostvars['st1'].groups['hv'] | join(',') }}",
        "{{ hostvars.st1.rack | default('none') }}",
        "{{ hostvars['hv2'].extra }} {{ hostvars[inventory_hostname].label | default('no label') }}",
    ]

    static let play = """
        - hosts: hv
          vars:
            zone: z1
            label: "{{ inventory_hostname }}-{{ zone }}"

        """

    @Test("every expression renders as ansible-playbook renders it")
    func agrees() throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let expected = try #require(try Self.ansible(in: work), "no ansible-playbook at \(AnsiblePlaybook.venv)")
        let rendered = try Self.trunkline(in: work)
        #expect(rendered.count == expected.count)
        for (index, (ours, theirs)) in zip(rendered, expected).enumerated() {
            #expect(ours == theirs, "\(Self.expressions[index])")
        }
    }

    @Test("a play that does not read hostvars does not get it")
    func onlyWhenRead() throws {
        let work = try Self.workDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try "- hosts: hv\n  steps:\n    - command: {argv: [echo, \"{{ zone | default(1) }}\"]}\n".write(
            toFile: work + "/plain.yml", atomically: true, encoding: .utf8)
        let plays = try Self.prepare(work + "/plain.yml", in: work)
        #expect(plays[0].hosts.allSatisfy { $0.variables["hostvars"] == nil })
    }

    static func workDirectory() throws -> String {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-hostvars-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try inventory.write(toFile: work + "/hosts", atomically: true, encoding: .utf8)
        return work
    }

    static func prepare(_ playbook: String, in work: String) throws -> [PreparedPlay] {
        let inventory = try InventoryLoader.load(sources: [work + "/hosts"])
        return try PlaybookPreparation.prepare(
            playbook: playbook, inventory: inventory, selected: inventory.hostNames(in: "all"),
            extra: try ExtraVariables(parsing: ["extra=E"]), vault: VaultSecrets(), sshConfig: nil
        ).plays
    }

    /// The expressions as Trunkline renders them for the play's first host.
    static func trunkline(in work: String) throws -> [String] {
        let steps = expressions.map { "    - command: {argv: [echo, \(json($0))]}" }
        try (play + "  steps:\n" + steps.joined(separator: "\n") + "\n").write(
            toFile: work + "/trunkline.yml", atomically: true, encoding: .utf8)
        let plays = try prepare(work + "/trunkline.yml", in: work)
        return try plays[0].hosts[0].steps.map { step in
            try #require(step.kind as? CommandStep).argv[1]
        }
    }

    /// The expressions as ansible-playbook renders them (`debug` tasks run once, in check mode).
    static func ansible(in work: String) throws -> [String]? {
        let tasks = expressions.map { "    - debug: {msg: \(json($0))}\n      run_once: true" }
        try (play + "  gather_facts: false\n  tasks:\n" + tasks.joined(separator: "\n") + "\n").write(
            toFile: work + "/ansible.yml", atomically: true, encoding: .utf8)
        guard
            let text = try AnsiblePlaybook.output(
                ["-C", "-i", "hosts", "-c", "local", "-e", "extra=E", "ansible.yml"], in: work)
        else { return nil }
        return text.split(separator: "\n").compactMap { line -> String? in
            guard let match = line.firstMatch(of: #/^    "msg": (".*")$/#) else { return nil }
            return try? JSONDecoder().decode(String.self, from: Data(match.1.utf8))
        }
    }

    static func json(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}
