import TrunklineCore
import TrunklineEngine

/// A remote host whose commands are counted in a `RemoteUsage`.
final class CountedRemoteHost: RemoteHost {
    private let inner: any RemoteHost
    private let usage: RemoteUsage

    init(_ inner: any RemoteHost, usage: RemoteUsage) {
        self.inner = inner
        self.usage = usage
    }

    var name: String { inner.name }

    func run(_ command: RemoteCommand) async throws -> CommandOutput {
        usage.ran()
        return try await inner.run(command)
    }

    func readFile(_ path: String) async throws -> [UInt8] { try await inner.readFile(path) }

    func writeFile(_ path: String, contents: [UInt8], attributes: FileAttributes) async throws {
        try await inner.writeFile(path, contents: contents, attributes: attributes)
    }

    func close() async { await inner.close() }
}
