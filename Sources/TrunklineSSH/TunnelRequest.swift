import Foundation

/// A tunnel asked of a `BastionPump`: where to, by when, who waits for it, and what to run once
/// its channel is gone. It owns a socket pair from the start: the pump bridges `local` to the
/// channel, the caller gets `remote`.
final class TunnelRequest: @unchecked Sendable {
    /// The host the bastion connects the channel to, as the bastion resolves it.
    let host: String
    /// The port on `host`.
    let port: Int
    /// When the caller stops waiting.
    let deadline: ContinuousClock.Instant
    /// The pump's end of the socket pair.
    let local: Int32
    /// The caller's end of the socket pair.
    let remote: Int32
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Int32, Error>?
    private var onEnd: (() -> Void)?

    /// Creates the socket pair (non-blocking, close-on-exec) for a tunnel to `host:port`.
    init(
        host: String, port: Int, deadline: ContinuousClock.Instant, bastion: String,
        continuation: CheckedContinuation<Int32, Error>, onEnd: @escaping () -> Void
    ) throws(SSHError) {
        var ends: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &ends) == 0 else {
            throw SSHError(
                .channelFailed, host: bastion,
                message: "cannot create a socket pair: \(String(cString: strerror(errno)))")
        }
        self.host = host
        self.port = port
        self.deadline = deadline
        local = ends[0]
        remote = ends[1]
        self.continuation = continuation
        self.onEnd = onEnd
    }

    /// `host:port` as errors name it (`[v6]:port` for IPv6 addresses).
    var destination: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// True once the caller has its answer (the tunnel, or why not).
    var isAnswered: Bool { lock.withLock { continuation == nil } }

    /// Hands `remote` to the caller; false if the caller was already answered (it timed out).
    func succeed() -> Bool {
        guard let continuation = take() else { return false }
        continuation.resume(returning: remote)
        return true
    }

    /// Answers the caller with `error`; false if it was already answered.
    @discardableResult
    func fail(_ error: SSHError) -> Bool {
        guard let continuation = take() else { return false }
        continuation.resume(throwing: error)
        return true
    }

    /// Fails the request with `error` if it is still waited for, closes both sockets and ends it:
    /// for a request that never got a channel.
    func discard(_ error: SSHError) {
        fail(error)
        close(local)
        close(remote)
        end()
    }

    /// Runs `onEnd`, the first time only.
    func end() {
        let action = lock.withLock {
            defer { onEnd = nil }
            return onEnd
        }
        action?()
    }

    private func take() -> CheckedContinuation<Int32, Error>? {
        lock.withLock {
            defer { continuation = nil }
            return continuation
        }
    }
}
