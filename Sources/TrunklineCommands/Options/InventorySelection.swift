import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineInput
import TrunklineInventory

/// The inventory flags shared by every command that works on an inventory.
struct InventorySelection: ParsableArguments {
    @Option(
        name: [.short, .customLong("inventory")],
        help:
            "An inventory source, as Ansible reads it: an INI or YAML file, a directory, an executable script, or 'h1,h2,' (repeatable; merged in order)."
    )
    var inventory: [String] = []

    @Option(
        name: [.short, .long],
        help:
            "Only the hosts matching this pattern (groups, hosts, globs, a:b, a:&b, a:!b; @FILE: the hosts FILE lists, one a line); none is an error."
    )
    var limit: String?

    @Option(
        name: [.short, .customLong("extra-vars")],
        help:
            "'key=value …' (several, shell-quoted), a JSON or YAML mapping, or @file.yml; wins over every other variable (repeatable)."
    )
    var extraVars: [String] = []

    @Option(
        name: .customLong("vault-password-file"),
        help: "A file holding the ansible-vault password, or a script printing it (repeatable).")
    var vaultPasswordFiles: [String] = []

    @Option(name: .customLong("vault-id"), help: "An ansible-vault id, LABEL@FILE, LABEL@prompt or FILE (repeatable).")
    var vaultIDs: [String] = []

    @Flag(name: .customLong("ask-vault-pass"), help: "Ask for the ansible-vault password.")
    var askVaultPass = false

    func validate() throws {
        guard !inventory.isEmpty else { throw ValidationError("Missing expected argument '--inventory <inventory>'") }
    }

    /// The inventory (with the `group_vars/` and `host_vars/` beside `playbookDirectory`, if
    /// given), the selected hosts (in inventory order) and the extra variables.
    func resolve(playbookDirectory: String? = nil) throws -> (Inventory, [String], ExtraVariables) {
        try resolveWithVault(playbookDirectory: playbookDirectory).0
    }

    /// `resolve`, with the vault passwords for the playbook.
    func resolveWithVault(
        playbookDirectory: String? = nil
    ) throws -> ((Inventory, [String], ExtraVariables), VaultSecrets) {
        do {
            let vault = try vaultSecrets()
            var loaded = try InventoryLoader.load(sources: inventory, vault: vault)
            if let playbookDirectory { try loaded.addPlaybookVariables(beside: playbookDirectory, vault: vault) }
            let extra = try ExtraVariables(parsing: extraVars, vault: vault)
            let hosts = try limit.map { try HostLimit($0).hosts(in: loaded) } ?? loaded.hostOrder
            return ((loaded, hosts, extra), vault)
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
    }

    /// The vault passwords, as ansible-inventory takes them: `--vault-id`, `--vault-password-file`,
    /// `--ask-vault-pass`, else `ANSIBLE_VAULT_PASSWORD_FILE`.
    func vaultSecrets(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> VaultSecrets {
        var passwords: [(label: String, password: String)] = []
        for id in vaultIDs {
            let (label, source) =
                id.contains("@")
                ? (String(id.prefix { $0 != "@" }), String(id.drop { $0 != "@" }.dropFirst())) : ("default", id)
            passwords.append(
                (
                    label,
                    source == "prompt"
                        ? try TerminalPrompt.secret("Vault password (\(label)): ")
                        : try Self.password(from: source, label: label)
                ))
        }
        for file in vaultPasswordFiles {
            passwords.append(("default", try Self.password(from: file, label: "default")))
        }
        if askVaultPass { passwords.append(("default", try TerminalPrompt.secret("Vault password: "))) }
        if passwords.isEmpty, let file = environment["ANSIBLE_VAULT_PASSWORD_FILE"], !file.isEmpty {
            passwords.append(("default", try Self.password(from: file, label: "default")))
        }
        return VaultSecrets(passwords: passwords)
    }

    /// The password in `file` (surrounding whitespace stripped, as Ansible does), or what it
    /// prints if it is executable (a vault client script, asked with `--vault-id LABEL`).
    static func password(from file: String, label: String) throws -> String {
        let location = SourceLocation(whole: file)
        if access(file, X_OK) == 0 {
            guard let outcome = try? ChildProcess.run(file, ["--vault-id", label], timeout: 60) else {
                throw InputError(location, "cannot run the vault password script")
            }
            guard outcome.status == 0 else {
                throw InputError(location, "the vault password script failed: \(outcome.errorText(limit: 300))")
            }
            return String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let text = try InputFile.read(file)
        let password = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !password.isEmpty else { throw InputError(location, "the vault password file is empty") }
        return password
    }
}
