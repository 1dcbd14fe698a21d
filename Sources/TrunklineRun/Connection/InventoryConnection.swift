import Foundation
import TrunklineCore
import TrunklineInput
import TrunklineTransport

/// A host's connection from its inventory variables, over the command line's defaults. Only
/// Ansible's names are read, with Ansible's precedence among spellings (the later wins):
/// `ansible_host`/`ansible_ssh_host`, `ansible_port`/`ansible_ssh_port`,
/// `ansible_user`/`ansible_ssh_user`, `ansible_private_key_file`/`ansible_ssh_private_key_file`,
/// `ansible_password`/`ansible_ssh_pass`, `ansible_become` (a boolean as Ansible reads one),
/// `ansible_become_user` (root only), `ansible_become_method` (sudo only),
/// `ansible_become_password`/`ansible_become_pass`, and in `ansible_ssh_common_args` and
/// `ansible_ssh_extra_args`: `-i KEY`, `-p PORT`, `-l USER`, `-o UserKnownHostsFile=…`,
/// `-o StrictHostKeyChecking=…`, `-o Port=`, `-o User=`, `-o IdentityFile=`, `-J`/`-o ProxyJump=`
/// (over the ssh_config's ProxyJump); a host without one of these two variables follows the
/// command line's `--ssh-common-args` or `--ssh-extra-args` instead (Ansible's precedence: the
/// host's variable beats the command line, option by option). Trunkline's own
/// setting is `trunkline_known_hosts` (a file or a list). Plain `host`, `port`, `user`,
/// `known_hosts` are user data. `~` is expanded in paths.
public enum InventoryConnection {
    /// The target and settings for `host`.
    public static func resolve(
        _ host: String, variables: [String: Value], defaults: ConnectionSettings
    ) -> (HostTarget, ConnectionSettings) {
        func text(_ names: String...) -> String? {
            names.reversed().lazy.compactMap { variables[$0]?.scalarText }.first
        }
        var settings = defaults
        var address = address(of: host, variables: variables)
        let config = defaults.sshConfigFile.flatMap { try? SSHConfigLookup.settings(for: address, file: $0) }
        if let config { apply(config, to: &settings, address: &address) }
        if let jump = config?["proxyjump"]?.first { settings.jumpHosts = jumpHosts(jump, defaults: defaults) }
        apply(sshArguments(variables, commandLine: defaults.sshArguments), to: &settings, defaults: defaults)
        if let user = text("ansible_user", "ansible_ssh_user") { settings.user = user }
        if let port = text("ansible_port", "ansible_ssh_port").flatMap(Int.init) { settings.port = port }
        if let identity = text("ansible_private_key_file", "ansible_ssh_private_key_file") {
            settings.identityFiles = [expandingTilde(identity)]
        }
        if let password = text("ansible_password", "ansible_ssh_pass") { settings.password = password }
        switch variables["trunkline_known_hosts"] {
        case .list(let items)?: settings.knownHostsFiles = items.compactMap(\.scalarText).map(expandingTilde)
        case let value?: if let file = value.scalarText { settings.knownHostsFiles = [expandingTilde(file)] }
        case nil: break
        }
        if let become = variables["ansible_become"].flatMap(AnsibleBoolean.parse) { settings.become = become }
        if let password = text("ansible_become_password", "ansible_become_pass") { settings.becomePassword = password }
        return (HostTarget(name: host, address: address), settings)
    }

    /// `defaults` with the command line's `--ssh-common-args` and `--ssh-extra-args` followed,
    /// for a host named on the command line (it has no variables).
    public static func followingCommandLineArguments(_ defaults: ConnectionSettings) -> ConnectionSettings {
        var settings = defaults
        apply(sshArguments([:], commandLine: defaults.sshArguments), to: &settings, defaults: defaults)
        return settings
    }

    /// What ssh arguments set, over the ssh_config's settings (as `ssh`'s own options beat the file).
    private static func apply(
        _ arguments: SSHArguments, to settings: inout ConnectionSettings, defaults: ConnectionSettings
    ) {
        if let jump = arguments.proxyJump { settings.jumpHosts = jumpHosts(jump, defaults: defaults) }
        if let user = arguments.user { settings.user = user }
        if let port = arguments.port { settings.port = port }
        if !arguments.identities.isEmpty { settings.identityFiles = arguments.identities.map(expandingTilde) }
        if let files = arguments.knownHosts { settings.knownHostsFiles = files.map(expandingTilde) }
        if arguments.strict { settings.hostKeyPolicy = .strict }
    }

    /// What an ssh_config sets for a host, under the inventory's variables (as `ansible`'s own
    /// `-o` options beat the file). StrictHostKeyChecking only ever makes checking strict.
    static func apply(_ config: [String: [String]], to settings: inout ConnectionSettings, address: inout String) {
        if let name = config["hostname"]?.first { address = name }
        if let user = config["user"]?.first { settings.user = user }
        if let port = config["port"]?.first.flatMap(Int.init) { settings.port = port }
        if let files = config["identityfile"] { settings.identityFiles = files.map(expandingTilde) }
        if let files = config["userknownhostsfile"]?.first {
            settings.knownHostsFiles = files.split(separator: " ").map { expandingTilde(String($0)) }
        }
        if let strict = config["stricthostkeychecking"]?.first, ["yes", "true"].contains(strict.lowercased()) {
            settings.hostKeyPolicy = .strict
        }
        if let seconds = config["connecttimeout"]?.first.flatMap(Int.init), seconds > 0 {
            settings.connectTimeout = .seconds(seconds)
        }
        if let seconds = config["serveraliveinterval"]?.first.flatMap(Int.init) { settings.keepaliveInterval = seconds }
        if let count = config["serveralivecountmax"]?.first.flatMap(Int.init) { settings.keepaliveCountMax = count }
        if let alias = config["hostkeyalias"]?.first, alias.lowercased() != "none" { settings.hostKeyAlias = alias }
    }

    /// The hops of a ProxyJump value, each as the ssh_config (if any) sets it up for its own
    /// name (`HostName`, `User`, `Port`), a hop naming no user logging in as the command line's.
    static func jumpHosts(_ spec: String, defaults: ConnectionSettings) -> [JumpHost] {
        ((try? JumpHost.list(spec)) ?? []).map { hop in
            let config =
                defaults.sshConfigFile.flatMap { try? SSHConfigLookup.settings(for: hop.address, file: $0) } ?? [:]
            return JumpHost(
                user: hop.user ?? config["user"]?.first ?? defaults.user,
                address: config["hostname"]?.first ?? hop.address,
                port: hop.port ?? config["port"]?.first.flatMap(Int.init))
        }
    }

    /// The address a host is reached at: `ansible_ssh_host` or `ansible_host`, else its name.
    public static func address(of host: String, variables: [String: Value]) -> String {
        ["ansible_ssh_host", "ansible_host"].lazy.compactMap { variables[$0]?.scalarText }.first ?? host
    }

    /// Problems with `host`'s connection variables that stop the run before any host is
    /// contacted, and warnings for settings that are not followed.
    public static func check(
        _ host: String, variables: [String: Value], sshConfigFile: String? = nil
    ) throws -> [String] {
        let location = SourceLocation(whole: host)
        var warnings: [String] = []
        if let file = sshConfigFile {
            let config = try SSHConfigLookup.settings(for: address(of: host, variables: variables), file: file)
            if let jump = config["proxyjump"]?.first { try checkJump(jump, from: file, location: location) }
            if let proxy = config["proxycommand"]?.first, proxy.lowercased() != "none" {
                throw InputError(location, "not supported: ProxyCommand (from \(file))")
            }
            if let strict = config["stricthostkeychecking"]?.first, !["yes", "true"].contains(strict.lowercased()) {
                warnings.append(
                    "\(host): StrictHostKeyChecking \(strict) in \(file) is not followed: host keys are checked as --host-key-checking says"
                )
            }
        }
        if let value = variables["ansible_become"], AnsibleBoolean.parse(value) == nil {
            throw InputError(
                location,
                "ansible_become must be a boolean (yes/no, true/false, on/off, 1/0), not '\(value.scalarText ?? value.typeName)'"
            )
        }
        if let method = variables["ansible_become_method"]?.scalarText, method != "sudo" {
            throw InputError(location, "not supported: ansible_become_method \(method) (only sudo)")
        }
        if let user = variables["ansible_become_user"]?.scalarText, user != "root" {
            throw InputError(location, "not supported: ansible_become_user \(user) (Trunkline becomes root)")
        }
        for name in ["ansible_port", "ansible_ssh_port"] {
            if let value = variables[name], value.scalarText.flatMap(Int.init).map({ (1...65535).contains($0) }) != true
            {
                throw InputError(
                    location, "\(name) must be a port number (1-65535), not '\(value.scalarText ?? value.typeName)'")
            }
        }
        let arguments = sshArguments(variables)
        if let jump = arguments.proxyJump {
            try checkJump(jump, from: "ansible_ssh_common_args/ansible_ssh_extra_args", location: location)
        }
        return warnings + arguments.ignored.map { "\(host): \($0)" }
    }

    /// Refuses a ProxyJump value that cannot be read.
    private static func checkJump(_ jump: String, from source: String, location: SourceLocation) throws {
        do {
            _ = try JumpHost.list(jump)
        } catch {
            throw InputError(location, "\(error) (from \(source))")
        }
    }

    /// What Trunkline reads of `ansible_ssh_common_args` then `ansible_ssh_extra_args`.
    struct SSHArguments {
        var user: String?
        var port: Int?
        var identities: [String] = []
        var knownHosts: [String]?
        /// `StrictHostKeyChecking=yes`: keys are checked strictly whatever the default.
        var strict = false
        var proxyJump: String?
        /// Options that are not followed, as warnings.
        var ignored: [String] = []
    }

    /// The ssh argument strings a host follows, common first: each its variable's, else the
    /// command line's (`commandLine`).
    static func sshArgumentTexts(
        _ variables: [String: Value], commandLine: [SSHArgumentsOption: String] = [:]
    ) -> [(source: String, text: String)] {
        SSHArgumentsOption.allCases.compactMap { option in
            if let text = variables[option.variable]?.scalarText { return (option.variable, text) }
            return commandLine[option].map { (option.flag, $0) }
        }
    }

    static func sshArguments(
        _ variables: [String: Value], commandLine: [SSHArgumentsOption: String] = [:]
    ) -> SSHArguments {
        let words = sshArgumentTexts(variables, commandLine: commandLine).flatMap { source, text in
            (try? ShellWords.split(text, at: SourceLocation(whole: source))) ?? []
        }
        return sshArguments(words: words)
    }

    /// Why the command line's `option` with `text` cannot be followed, naming the option: a
    /// quote not closed, an unreadable ProxyJump, or an ssh argument Trunkline does not follow.
    public static func commandLineProblem(_ option: SSHArgumentsOption, _ text: String) -> String? {
        let words: [String]
        do {
            words = try ShellWords.split(text, at: SourceLocation(whole: option.flag))
        } catch let error as InputError {
            return "\(option.flag): \(error.message)"
        } catch {
            return "\(option.flag): \(error)"
        }
        let arguments = sshArguments(words: words)
        if let jump = arguments.proxyJump {
            do {
                _ = try JumpHost.list(jump)
            } catch {
                return "\(option.flag): \(error)"
            }
        }
        guard arguments.ignored.isEmpty else {
            return
                "\(option.flag): \(arguments.ignored.joined(separator: "; ")) (Trunkline follows -i, -p, -l, -J and -o with ProxyJump, StrictHostKeyChecking=yes, UserKnownHostsFile, Port, User, IdentityFile)"
        }
        return nil
    }

    /// What Trunkline reads of ssh argument words; as ssh takes them, the first value of an
    /// option given twice (`-p`, `-l`, `-o Port=`, …) is the one followed, and identities add up.
    static func sshArguments(words: [String]) -> SSHArguments {
        var result = SSHArguments()
        var index = 0
        func option(_ text: String) {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            switch parts[0].lowercased() {
            case "userknownhostsfile":
                result.knownHosts = result.knownHosts ?? value.split(separator: " ").map(String.init)
            case "stricthostkeychecking":
                if ["yes", "true"].contains(value.lowercased()) {
                    result.strict = true
                } else {
                    result.ignored.append(
                        "StrictHostKeyChecking=\(value) is not followed: host keys are checked as --host-key-checking says"
                    )
                }
            case "proxyjump": result.proxyJump = result.proxyJump ?? value
            case "port": result.port = result.port ?? Int(value)
            case "user": result.user = result.user ?? value
            case "identityfile": result.identities.append(value)
            default: result.ignored.append("ssh option \(parts[0]) is not followed")
            }
        }
        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            func attached(_ flag: String) -> String? {
                word == flag ? next : word.hasPrefix(flag) ? String(word.dropFirst(flag.count)) : nil
            }
            let consumed = word.count == 2 ? 2 : 1
            if let value = attached("-o") { option(value); index += consumed; continue }
            if let value = attached("-J") {
                if result.proxyJump == nil {
                    result.proxyJump = value
                } else {
                    result.ignored.append(
                        "a second jump host (-J \(value)) is refused by ssh: give the hops in one -J, comma-separated")
                }
                index += consumed
                continue
            }
            if let value = attached("-i") { result.identities.append(value); index += consumed; continue }
            if let value = attached("-p") { result.port = result.port ?? Int(value); index += consumed; continue }
            if let value = attached("-l") { result.user = result.user ?? value; index += consumed; continue }
            result.ignored.append("ssh argument \(word) is not followed")
            index += 1
        }
        return result
    }

    /// `~` and `~/…` as the controller user's home.
    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
