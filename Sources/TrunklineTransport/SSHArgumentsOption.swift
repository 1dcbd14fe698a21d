import Foundation

/// The two ssh argument strings Ansible passes to `ssh`, each of which a host's variable
/// (`ansible_ssh_common_args`, `ansible_ssh_extra_args`) or the command line
/// (`--ssh-common-args`, `--ssh-extra-args`) gives; the host's variable wins, as in Ansible.
public enum SSHArgumentsOption: String, CaseIterable, Sendable, Hashable {
    /// For every ssh tool (`ssh`, `scp`, `sftp`).
    case common = "ssh_common_args"
    /// For `ssh` only.
    case extra = "ssh_extra_args"

    /// The inventory variable: `ansible_ssh_common_args`.
    public var variable: String { "ansible_" + rawValue }

    /// The command-line option: `--ssh-common-args`.
    public var flag: String { "--" + rawValue.replacingOccurrences(of: "_", with: "-") }
}
