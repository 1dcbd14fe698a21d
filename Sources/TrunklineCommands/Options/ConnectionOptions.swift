import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineRun
import TrunklineTransport

/// The connection flags every command that reaches hosts shares.
///
/// Secrets never come from flags (they would show in `ps`): the login password comes from
/// `TRUNKLINE_SSH_PASSWORD` or `--ask-pass`, a key passphrase from `TRUNKLINE_KEY_PASSPHRASE`
/// or a prompt on a terminal, the sudo password from `TRUNKLINE_BECOME_PASSWORD` or
/// `--ask-become-pass`.
public struct ConnectionOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Login user when the host does not name one (default: the current user).")
    var user: String?

    @Option(name: [.short, .long], help: "SSH port when the host does not name one.")
    var port: Int = 22

    @Option(
        name: .customLong("known-hosts"),
        help: "known_hosts file (repeatable). Default: ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts.")
    var knownHosts: [String] = []

    @Option(name: .customLong("host-key-checking"), help: "strict (default), accept-new, or off.")
    var hostKeyChecking: HostKeyPolicy = .strict

    @Option(name: [.customShort("T"), .long], help: "Seconds allowed for connecting and the SSH handshake.")
    var timeout: Double = 10

    @Option(help: "Seconds between keepalives, on idle connections and under silent commands (0: off).")
    var keepalive: Int = 15

    @Option(
        name: .customLong("keepalive-count"),
        help: "Unanswered keepalives after which a running command's connection is taken as dead (0: never).")
    var keepaliveCount: Int = 3

    @Flag(name: [.short, .long], help: "Run commands as root with sudo.")
    var become = false

    @Flag(name: [.customShort("k"), .long], help: "Prompt for the login password.")
    var askPass = false

    @Flag(name: [.customShort("K"), .long], help: "Prompt for the sudo password.")
    var askBecomePass = false

    @Flag(help: "Do not use the ssh-agent even if SSH_AUTH_SOCK is set.")
    var noAgent = false

    @Option(
        name: .customLong("ssh-config"),
        help: "OpenSSH client configuration to apply (default: ~/.ssh/config if it exists).")
    var sshConfig: String?

    @Option(
        name: .customLong("ssh-common-args"), parsing: .unconditional,
        help: ArgumentHelp(
            "ssh arguments for every host whose ansible_ssh_common_args does not set its own (-o ProxyJump=, -J, -o StrictHostKeyChecking=yes, -o UserKnownHostsFile=, -i, -p, -l).",
            valueName: "args"))
    var sshCommonArgs: String?

    @Option(
        name: .customLong("ssh-extra-args"), parsing: .unconditional,
        help: ArgumentHelp(
            "The same, for every host whose ansible_ssh_extra_args does not set its own.", valueName: "args"))
    var sshExtraArgs: String?

    public init() {}

    /// The command line's ssh argument strings, by option.
    var sshArguments: [SSHArgumentsOption: String] {
        var arguments: [SSHArgumentsOption: String] = [:]
        arguments[.common] = sshCommonArgs
        arguments[.extra] = sshExtraArgs
        return arguments
    }

    public mutating func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard keepalive >= 0 else { throw ValidationError("--keepalive must be 0 or more") }
        guard keepaliveCount >= 0 else { throw ValidationError("--keepalive-count must be 0 or more") }
        for (option, text) in sshArguments.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let problem = InventoryConnection.commandLineProblem(option, text) { throw ValidationError(problem) }
        }
    }

    /// The settings these flags, the key files, the environment and any prompts give. Warns on
    /// stderr when host key checking is off.
    func settings(
        identity: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConnectionSettings {
        let home = environment["HOME"] ?? NSHomeDirectory()
        if hostKeyChecking == .off {
            FileHandle.standardError.write(
                Data("warning: host key checking is off; connections can be intercepted\n".utf8))
        }
        let identities =
            identity.isEmpty
            ? ["id_ed25519", "id_ecdsa", "id_rsa"].map { "\(home)/.ssh/\($0)" }.filter {
                FileManager.default.fileExists(atPath: $0)
            }
            : identity
        var settings = ConnectionSettings(
            user: user ?? environment["USER"] ?? "root",
            port: port,
            identityFiles: identities,
            keyPassphrase: try passphrase(for: identities, environment: environment),
            agentSocket: noAgent ? nil : environment["SSH_AUTH_SOCK"],
            password: try secret(environment["TRUNKLINE_SSH_PASSWORD"], ask: askPass, prompt: "SSH password: "),
            knownHostsFiles: knownHosts.isEmpty
                ? ["\(home)/.ssh/known_hosts", "/etc/ssh/ssh_known_hosts"] : knownHosts,
            hostKeyPolicy: hostKeyChecking,
            connectTimeout: .milliseconds(Int64(timeout * 1000)),
            keepaliveInterval: keepalive,
            become: become,
            becomePassword: try secret(
                environment["TRUNKLINE_BECOME_PASSWORD"], ask: askBecomePass, prompt: "sudo password: ")
        )
        settings.keepaliveCountMax = keepaliveCount
        settings.sshConfigFile = SSHConfigLookup.file(given: sshConfig, environment: environment)
        settings.sshArguments = sshArguments
        return settings
    }

    private func passphrase(for identities: [String], environment: [String: String]) throws -> String? {
        if let given = environment["TRUNKLINE_KEY_PASSPHRASE"] { return given }
        guard let encrypted = identities.first(where: PrivateKeyFile.isEncrypted(at:)), isatty(STDIN_FILENO) == 1 else {
            return nil
        }
        return try TerminalPrompt.secret("Passphrase for \(encrypted): ")
    }

    private func secret(_ given: String?, ask: Bool, prompt: String) throws -> String? {
        if let given { return given }
        return ask ? try TerminalPrompt.secret(prompt) : nil
    }
}

extension HostKeyPolicy: ExpressibleByArgument {}
