/// Connects with `connect`, runs `body` on the connection and closes it on every path, error or
/// not. `body` may replace the connection (a reconnect after a drop, a new boot after a
/// reboot); the one open at the end is the one closed.
public func withConnection<Result>(
    _ connect: () async throws -> any RemoteHost,
    _ body: (inout any RemoteHost) async throws -> Result
) async throws -> Result {
    var remote = try await connect()
    do {
        let result = try await body(&remote)
        await remote.close()
        return result
    } catch {
        await remote.close()
        throw error
    }
}
