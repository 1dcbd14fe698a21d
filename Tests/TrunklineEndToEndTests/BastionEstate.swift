import Foundation
import Testing
import TrunklineTestSupport

/// An Ansible estate as a user of a bastion has it, in a scratch directory: an INI inventory
/// (`hosts.ini` with `[group]`, `[group:vars]` and `[group:children]`), `group_vars/` with one
/// file encrypted by the real `ansible-vault`, its password file, an ssh_config that reaches the
/// hypervisors with `ProxyJump` to the bastion, a known_hosts file and a playbook.
final class BastionEstate {
    /// The vaulted secret: only the host's file may hold it.
    let secret = "vaulted-\(UUID().uuidString.prefix(12))"
    let zone = "lab-bastion"
    let storageVLAN = 100
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
        "trunkline-bastion-\(UUID().uuidString)"
    ).path
    let bastion: LabFleet.Host
    let hypervisors: [LabFleet.Host]

    static let ansibleVault = InventoryOracleTests.venv + "/bin/ansible-vault"

    /// `knownHosts` is the estate's known_hosts text; `jump: false` leaves ProxyJump out.
    init(_ lab: LabFleet, knownHosts: String? = nil, jump: Bool = true) throws {
        bastion = try #require(lab.bastion, "the lab has no bastion: scripts/lab up … --bastion 2")
        hypervisors = lab.behindBastion
        try #require(!hypervisors.isEmpty, "no lab host behind the bastion")
        try FileManager.default.createDirectory(
            atPath: path + "/group_vars/hypervisors", withIntermediateDirectories: true)
        try write("known_hosts", knownHosts ?? Self.knownHosts(lab, of: [bastion] + hypervisors))
        try write("hosts.ini", inventory(lab))
        try write("ssh_config", sshConfig(jump: jump))
        try write("group_vars/hypervisors/main.yml", "keystore_passphrase: \"{{ vault_keystore_passphrase }}\"\n")
        try write("group_vars/hypervisors/vault.yml", "vault_keystore_passphrase: \(secret)\n")
        try write("vault-password", "correct horse battery staple\n")
        try write("site.yml", playbook)
        _ = try InventoryOracleTests.run(
            Self.ansibleVault,
            ["encrypt", "--vault-password-file", path + "/vault-password", path + "/group_vars/hypervisors/vault.yml"],
            in: path)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }

    /// The lab's known_hosts lines of `hosts` (by name and address).
    static func knownHosts(_ lab: LabFleet, of hosts: [LabFleet.Host]) throws -> String {
        let lines = try String(contentsOfFile: lab.run + "/known_hosts", encoding: .utf8).split(separator: "\n")
        return hosts.flatMap { host in lines.filter { $0.hasPrefix(host.name + ",") } }.joined(separator: "\n") + "\n"
    }

    func inventory(_ lab: LabFleet) -> String {
        """
        # the estate's inventory: hypervisors behind the bastion, by name (ssh_config has their addresses)
        [bastions]
        \(bastion.name)

        [hypervisors]
        \(hypervisors.map(\.name).joined(separator: "\n"))

        [hypervisors:vars]
        zone=\(zone)
        storage_vlan=\(storageVLAN)

        [estate:children]
        bastions
        hypervisors

        [estate:vars]
        ansible_user=root
        ansible_ssh_private_key_file=\(lab.run)/id_ed25519
        trunkline_known_hosts=\(path)/known_hosts

        """
    }

    func sshConfig(jump: Bool) -> String {
        let hosts = hypervisors.map { host in
            "Host \(host.name)\n  HostName \(host.address)\n" + (jump ? "  ProxyJump \(bastion.name)\n" : "")
        }
        return "Host \(bastion.name)\n  HostName \(bastion.address)\n" + hosts.joined() + "Host *\n  User root\n"
    }

    var playbook: String {
        """
        - name: hypervisors behind the bastion
          hosts: hypervisors
          steps:
            - name: site file
              file:
                path: /etc/trunkline-bastion.conf
                content: "zone={{ zone }}\\nstorage_vlan={{ storage_vlan }}\\n"
                mode: "0640"
            - name: agent keystore
              lines:
                path: /etc/cloudstack/agent/agent.properties
                set: {keystore.passphrase: "{{ keystore_passphrase }}", zone: "{{ zone }}"}
            - name: storage bridge
              ovs:
                bridges:
                  - name: br-estate
                    ports:
                      - {name: eth2, tag: "{{ storage_vlan }}"}

        """
    }

    /// The estate's files on the command line: `COMMAND -i hosts.ini --ssh-config ssh_config
    /// --vault-password-file … --runs-dir runs EXTRA site.yml`.
    func arguments(_ command: String, _ extra: [String] = []) -> [String] {
        [
            command, "-i", path + "/hosts.ini", "--ssh-config", path + "/ssh_config", "--vault-password-file",
            path + "/vault-password", "--runs-dir", path + "/runs",
        ] + extra + [path + "/site.yml"]
    }
}
