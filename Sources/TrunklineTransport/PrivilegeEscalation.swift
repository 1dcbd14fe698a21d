import TrunklineCore

/// How a command is wrapped to run as root: `sudo -n` (no password) or `sudo -S` with the
/// password written ahead of the command's own input. Root logins need neither.
struct PrivilegeEscalation: Sendable {
    /// The sudo password, if sudo asks for one.
    var password: String?

    /// The command as sudo runs it.
    func wrap(_ command: RemoteCommand) -> RemoteCommand {
        var wrapped = command
        if let password {
            wrapped.argv = ["sudo", "-S", "-p", "", "--"] + command.argv
            wrapped.stdin = Array((password + "\n").utf8) + command.stdin
        } else {
            wrapped.argv = ["sudo", "-n", "--"] + command.argv
        }
        return wrapped
    }
}
