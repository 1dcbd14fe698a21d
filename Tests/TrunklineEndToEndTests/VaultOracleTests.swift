import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineRun

/// Vaulted files and inline `!vault` values made by the real `ansible-vault` (the oracle's venv)
/// decrypt to the same values; secrets stay masked unless asked for; a wrong password stops
/// with a clear error and no secret.
@Suite("ansible-vault as the oracle")
struct VaultOracleTests {
    let directory: String
    let venv = InventoryOracleTests.venv

    init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-vault-\(UUID().uuidString)").path
        for folder in ["group_vars/db", "host_vars", "work"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        let files = [
            "hosts.ini": "[db]\ndb1 ansible_host=192.0.2.5\ndb2\n",
            "pw-default": "correct horse battery\n",
            "pw-prod": "prod-vault-pass\n",
            "pw-wrong": "not it\n",
            "group_vars/db/vault.yml": "db_password: hunter2-very-secret\ndb_users: [app, reporting-secret-user]\n",
            "group_vars/db/plain.yml": "db_port: 5432\n",
            "host_vars/db1.yml": "replica_key: db1-replication-secret\n",
        ]
        for (path, text) in files { try text.write(toFile: directory + "/" + path, atomically: true, encoding: .utf8) }
    }

    func ansibleVault(_ arguments: [String]) throws -> String {
        try InventoryOracleTests.run(venv + "/bin/ansible-vault", arguments, in: directory + "/work")
    }

    func trunkline(_ arguments: [String]) throws -> (Int32, String) {
        try InventoryOracleTests.trunkline(arguments, in: directory + "/work")
    }

    /// Encrypts the group_vars file (format 1.1), the host_vars file with vault id prod (1.2),
    /// and writes an inline `!vault` value from encrypt_string (1.2, vault id prod).
    func encrypt() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: venv + "/bin/ansible-vault"),
            "no ansible-core at \(venv): run scripts/install-deps")
        _ = try ansibleVault([
            "encrypt", "--vault-password-file", directory + "/pw-default", directory + "/group_vars/db/vault.yml",
        ])
        _ = try ansibleVault([
            "encrypt", "--vault-id", "prod@" + directory + "/pw-prod", directory + "/host_vars/db1.yml",
        ])
        let inline = try ansibleVault([
            "encrypt_string", "--vault-id", "prod@" + directory + "/pw-prod", "--name", "api_token",
            "inline-token-value-42",
        ])
        try ("plain_all: 1\n" + inline).write(
            toFile: directory + "/group_vars/all.yml", atomically: true, encoding: .utf8)
        let header = try String(contentsOfFile: directory + "/group_vars/db/vault.yml", encoding: .utf8)
        #expect(header.hasPrefix("$ANSIBLE_VAULT;1.1;AES256"))
        #expect(
            try String(contentsOfFile: directory + "/host_vars/db1.yml", encoding: .utf8).hasPrefix(
                "$ANSIBLE_VAULT;1.2;AES256;prod"))
        #expect(inline.contains("!vault |"))
    }

    var passwords: [String] {
        ["--vault-id", "default@" + directory + "/pw-default", "--vault-id", "prod@" + directory + "/pw-prod"]
    }

    @Test("vaulted files (1.1, and 1.2 with a vault id) list exactly as ansible-inventory lists them")
    func files() throws {
        try encrypt()
        // Without the inline value, which ansible-inventory prints still encrypted.
        try "plain_all: 1\n".write(toFile: directory + "/group_vars/all.yml", atomically: true, encoding: .utf8)
        let arguments = ["-i", directory + "/hosts.ini", "--list"] + passwords
        let expected = try InventoryOracleTests.run(venv + "/bin/ansible-inventory", arguments, in: directory + "/work")
        let (status, actual) = try trunkline(["inventory", "--show-secrets"] + arguments)
        #expect(status == 0)
        #expect(
            try JSONDecoder().decode(JSON.self, from: Data(expected.utf8))
                == JSONDecoder().decode(JSON.self, from: Data(actual.utf8)),
            "ansible-inventory:\n\(expected)\ntrunkline:\n\(actual)")
        #expect(actual.contains("hunter2-very-secret") && actual.contains("db1-replication-secret"))
    }

    @Test("an inline !vault value decrypts; without --show-secrets every decrypted value is masked")
    func inlineAndMasked() throws {
        try encrypt()
        let (status, shown) = try trunkline(
            ["inventory", "-i", directory + "/hosts.ini", "--host", "db1", "--show-secrets"] + passwords)
        #expect(status == 0)
        #expect(shown.contains("\"api_token\" : \"inline-token-value-42\""), "\(shown)")
        let (_, masked) = try trunkline(["inventory", "-i", directory + "/hosts.ini", "--list"] + passwords)
        for secret in [
            "inline-token-value-42", "hunter2-very-secret", "reporting-secret-user", "db1-replication-secret",
        ] {
            #expect(!masked.contains(secret), "\(secret) shown in:\n\(masked)")
        }
        #expect(masked.contains("\"db_password\" : \"********\""))
        #expect(masked.contains("\"db_port\" : 5432"))
    }

    @Test("the password from ANSIBLE_VAULT_PASSWORD_FILE and from an executable password script")
    func passwordSources() throws {
        try encrypt()
        try "plain_all: 1\n".write(toFile: directory + "/group_vars/all.yml", atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho prod-vault-pass\n".write(
            toFile: directory + "/pw-script", atomically: true, encoding: .utf8)
        _ = chmod(directory + "/pw-script", 0o755)
        let (status, output) = try trunkline([
            "inventory", "-i", directory + "/hosts.ini", "--host", "db1", "--show-secrets",
            "--vault-password-file", directory + "/pw-default", "--vault-id", "prod@" + directory + "/pw-script",
        ])
        #expect(status == 0 && output.contains("db1-replication-secret"), "\(output)")
    }

    @Test("a wrong or missing password is a clear error naming the file, with no secret and no host contacted")
    func wrongPassword() throws {
        try encrypt()
        let (status, output) = try trunkline([
            "inventory", "-i", directory + "/hosts.ini", "--list", "--vault-password-file", directory + "/pw-wrong",
        ])
        #expect(status == 1)
        #expect(
            output.contains("cannot decrypt") && output.contains("no vault password given is the right one"),
            "\(output)")
        #expect(!output.contains("not it") && !output.contains("hunter2"))
        let (missing, text) = try trunkline(["check", "-i", directory + "/hosts.ini", directory + "/hosts.ini"])
        #expect(
            missing == 1 && text.contains("encrypted with ansible-vault") && text.contains("--vault-password-file"),
            "\(text)")
    }

    @Test(
        "an inline !vault in a playbook's vars and a vaulted -e @file decrypt for validate; without the password it stops"
    )
    func playbookAndExtraVariables() throws {
        try encrypt()
        let inline = try ansibleVault([
            "encrypt_string", "--vault-password-file", directory + "/pw-default", "--name", "play_secret",
            "play-secret-value",
        ])
        let play =
            "- hosts: all\n  vars:\n" + inline.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            + "\n  steps:\n    - command: {argv: [echo, \"{{ play_secret }} {{ extra_secret }}\"]}\n"
        try play.write(toFile: directory + "/play.yml", atomically: true, encoding: .utf8)
        try "extra_secret: extra-secret-value\n".write(
            toFile: directory + "/extra.yml", atomically: true, encoding: .utf8)
        _ = try ansibleVault(["encrypt", "--vault-password-file", directory + "/pw-default", directory + "/extra.yml"])
        let common = [
            "validate", "-i", directory + "/hosts.ini", "-e", "@" + directory + "/extra.yml", directory + "/play.yml",
        ]
        let (status, output) = try trunkline(common + passwords)
        #expect(status == 0, "\(output)")
        #expect(!output.contains("play-secret-value") && !output.contains("extra-secret-value"))
        let (refused, text) = try trunkline(common)
        #expect(refused == 1 && text.contains("encrypted with ansible-vault"), "\(text)")
    }
}
