import Foundation
import TrunklineCore
import TrunklineEngine

/// A fake host that reboots: it answers facts with its current boot id, starts apply scripts
/// and answers their log as `ScriptedHost` does, and on the reboot command takes a new boot id,
/// unless it is held down (then every connection after the reboot is refused). Shared by all
/// the connections a run opens, and records every command.
public final class RebootingHost: @unchecked Sendable {
    private let lock = NSLock()
    private var bootCount = 1
    private var down = false
    public private(set) var commands: [String] = []
    /// The host stays down after its reboot.
    public let heldDown: Bool
    /// What `test_command` answers.
    public let testStatus: Int32

    public init(heldDown: Bool = false, testStatus: Int32 = 0) {
        self.heldDown = heldDown
        self.testStatus = testStatus
    }

    public var bootID: String { lock.withLock { "boot-\(bootCount)" } }
    public var reboots: Int { lock.withLock { bootCount - 1 } }

    /// A new connection, refused while the host is down.
    public func connect() throws -> any RemoteHost {
        try lock.withLock {
            if down { throw ConnectionFailure(kind: .unreachable, host: "fake", message: "fake: connection refused") }
        }
        return Connection(host: self)
    }

    fileprivate func run(_ command: RemoteCommand) -> CommandOutput {
        let script = command.argv.joined(separator: " ")
        lock.withLock { commands.append(script) }
        let stdout: String
        let facts =
            "@@os\nID=debian\nVERSION_ID=12\n@@hostname\nhv01\n@@interfaces\neth0\n@@netsys\nifupdown\n@@file 0\nabsent\n"
            + "@@boot\n\(bootID)\nBOOT_IMAGE=/vmlinuz ro quiet\ngrub /vmlinuz ro quiet\n\n@@modules\n"
        if script.contains("@@pid") {
            stdout = "@@pid 4242\nstart 1\nok 1\nfinished\n@@facts\n" + facts
        } else if script.contains("@@os") {
            stdout = facts
        } else if script.contains("systemctl reboot") {
            lock.withLock {
                bootCount += 1
                down = heldDown
            }
            stdout = ""
        } else if script.hasPrefix("cat /proc/sys/kernel/random/boot_id") {
            stdout = bootID + "\n"
        } else if command.argv.first == "sh", command.argv.dropFirst().first == "-c", command.argv.count == 3 {
            return CommandOutput(
                stdout: [], stderr: Array("test failed\n".utf8), exitStatus: testStatus, exitSignal: nil)
        } else {
            stdout = "start 1\nok 1\nfinished\n"
        }
        return CommandOutput(stdout: Array(stdout.utf8), stderr: [], exitStatus: 0, exitSignal: nil)
    }

    private final class Connection: RemoteHost, @unchecked Sendable {
        public let name = "fake"
        public let host: RebootingHost
        public init(host: RebootingHost) { self.host = host }
        public func run(_ command: RemoteCommand) async throws -> CommandOutput { host.run(command) }
        public func readFile(_ path: String) async throws -> [UInt8] { [] }
        public func writeFile(_ path: String, contents: [UInt8], attributes: FileAttributes) async throws {}
        public func close() async {}
    }
}
