import Foundation

/// A session to a jump host (OpenSSH's ProxyJump) that carries other hosts' SSH sessions, each
/// through a `direct-tcpip` channel of its own (`libssh2_channel_direct_tcpip_ex`), bridged to a
/// local socket pair on which the tunneled `SSHSession` runs as it would on a TCP socket.
///
/// The session is driven by a `BastionPump` on its event loop, so tunnels cost no thread.
public final class SSHBastion: @unchecked Sendable {
    /// The jump host's name or address, as given.
    public let host: String
    /// The jump host's SSH port.
    public let port: Int
    private let session: SSHSession
    private let pump: BastionPump

    /// Takes over `session`, connected and authenticated, for tunnels only.
    public init(session: SSHSession) throws {
        let (handle, loop) = try session.handOver()
        host = session.host
        port = session.port
        self.session = session
        pump = BastionPump(handle: handle, loop: loop)
        loop.attach(pump)
    }

    /// Whether new tunnels can be opened: the session works and nothing holds up its channel openings.
    public var acceptsTunnels: Bool { pump.acceptsTunnels }

    /// Asks the jump host to connect to `host:port` (the jump host resolves `host`) and returns
    /// the tunnel once the channel is open. Fails with `.unreachable` if the jump host refuses
    /// or cannot connect, `.timedOut` at `deadline`, `.disconnected` if this session is gone.
    /// `onEnd` runs once, when the channel is gone: refused, given up on, or closed after use
    /// (on the loop thread; it must not block).
    public func openTunnel(
        to host: String, port: Int, deadline: ContinuousClock.Instant,
        onEnd: @escaping @Sendable () -> Void
    ) async throws -> SSHTunnel {
        let descriptor = try await withCheckedThrowingContinuation { continuation in
            let request: TunnelRequest
            do {
                request = try TunnelRequest(
                    host: host, port: port, deadline: deadline, bastion: self.host,
                    continuation: continuation, onEnd: onEnd)
            } catch {
                onEnd()
                continuation.resume(throwing: error)
                return
            }
            if !pump.submit(request) {
                request.discard(SSHError(.disconnected, host: self.host, message: "the bastion session is closed"))
            }
        }
        return SSHTunnel(descriptor: descriptor)
    }

    /// Takes no more tunnels, waits for the open ones to end, then disconnects the session.
    public func close() async {
        await pump.finish()
        await session.disconnect()
    }
}
