import TrunklineCore
import TrunklineEngine

/// Retries a connection that failed for want of the network (`unreachable`, `timeout`), with
/// exponential backoff; a refused host key or login is not retried. Only connecting is
/// retried: a step that failed on the host is never run again.
public struct ConnectionRetry: Sendable {
    /// Retries after the first attempt.
    public var retries: Int
    /// The wait before the first retry; it doubles each time, up to `maximumDelay`.
    public var firstDelay: Duration
    public var maximumDelay: Duration

    /// Creates a retry policy.
    public init(retries: Int, firstDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(30)) {
        self.retries = retries
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
    }

    /// `connect`, retried as the policy says. The last failure names the attempts made.
    public func connect(_ connect: @Sendable () async throws -> any RemoteHost) async throws -> any RemoteHost {
        var delay = firstDelay
        var attempt = 1
        while true {
            do {
                return try await connect()
            } catch var failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
                guard attempt <= retries, !Task.isCancelled else {
                    if attempt > 1 { failure.message += " (after \(attempt) attempts)" }
                    throw failure
                }
                try await Task.sleep(for: delay)
                delay = min(delay * 2, maximumDelay)
                attempt += 1
            }
        }
    }
}
