/// How a `reboot` step reboots a host and decides it is back, as Ansible's `reboot` module
/// does: wait `preDelay`, reboot, wait until the host answers with a new boot id (at most
/// `timeout` seconds), run `testCommand`, wait `postDelay`.
public struct RebootRequest: Sendable, Equatable {
    /// Said in the reboot's log line on the host.
    public var message: String
    /// Seconds before the reboot.
    public var preDelay: Int
    /// Seconds the host has to come back with a new boot id.
    public var timeout: Int
    /// Seconds after the host is back, before the play goes on.
    public var postDelay: Int
    /// A shell command that must succeed on the host once it is back.
    public var testCommand: String

    /// Creates a request.
    public init(message: String, preDelay: Int, timeout: Int, postDelay: Int, testCommand: String) {
        self.message = message
        self.preDelay = preDelay
        self.timeout = timeout
        self.postDelay = postDelay
        self.testCommand = testCommand
    }

    /// The command that starts the reboot and returns at once, so the controller's session
    /// ends cleanly before the host goes down: `systemctl reboot` on a host booted by systemd,
    /// else `shutdown -r now`, detached, after the delay.
    public var command: [String] {
        let reboot = #"""
            sleep "$1"
            logger -t trunkline -- "$2" 2>/dev/null || :
            if [ -d /run/systemd/system ] && command -v systemctl > /dev/null; then systemctl reboot; else shutdown -r now "$2"; fi
            """#
        return [
            "sh", "-c", #"setsid sh -c "$0" reboot "$1" "$2" > /dev/null 2>&1 < /dev/null &"#, reboot,
            String(preDelay + 1), message,
        ]
    }
}
