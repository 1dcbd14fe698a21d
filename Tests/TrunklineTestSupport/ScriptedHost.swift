import TrunklineCore
import TrunklineEngine

/// A fake transport that answers the engine's three kinds of exec (gather facts, start the
/// apply script and wait for its log and the facts after it, wait again) from fixed text, and
/// records every command it is sent.
/// It applies nothing, so facts gathered after an apply are as before.
public final class ScriptedHost: RemoteHost, @unchecked Sendable {
    public let name = "fake"
    public private(set) var commands: [RemoteCommand] = []
    private let facts: String
    private let log: String

    public init(facts: String, log: String) {
        self.facts = facts
        self.log = log
    }

    public func run(_ command: RemoteCommand) async throws -> CommandOutput {
        commands.append(command)
        let script = command.argv.count > 2 ? command.argv[2] : ""
        let stdout =
            script.contains("@@os")
            ? facts : script.contains("setsid") ? "@@pid 4242\n\(log)@@facts\n\(facts)" : "\(log)@@facts\n\(facts)"
        return CommandOutput(stdout: Array(stdout.utf8), stderr: [], exitStatus: 0, exitSignal: nil)
    }

    public func readFile(_ path: String) async throws -> [UInt8] { [] }

    public func writeFile(_ path: String, contents: [UInt8], attributes: FileAttributes) async throws {}

    public func close() async {}
}
