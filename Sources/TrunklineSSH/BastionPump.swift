import CLibSSH2
import Foundation

/// Drives a bastion session once it is authenticated, on the session's loop thread: opens
/// direct-tcpip channels one at a time (libssh2 keeps a single channel opening per session) and
/// moves the bytes of every tunnel. libssh2 refuses a new packet while one is half sent, so a
/// call that left one runs again before any other call on the session.
final class BastionPump: SSHLoopDriver, @unchecked Sendable {
    /// The call to run again before any other.
    private enum Resumption {
        case opening
        case tunnel(ForwardedChannel)
    }

    /// The most rounds over all tunnels per `drive`; the loop's other sessions run in between.
    private static let roundsPerDrive = 4

    private let handle: SessionHandle
    private let loop: SSHEventLoop
    private let lock = NSLock()
    // Under `lock`.
    private var inbox: [TunnelRequest] = []
    private var closing = false
    private var detached = false
    private var openingAbandoned = false
    private var onDetach: [() -> Void] = []
    // On the loop thread only.
    private var queue: [TunnelRequest] = []
    private var opening: TunnelRequest?
    private var tunnels: [ForwardedChannel] = []
    private var resumption: Resumption?
    /// True when `drive` stopped with bytes still moving: it wants to run again at once.
    private var hasMore = false

    /// A pump for the session behind `handle`, which nothing else may use from now on.
    init(handle: SessionHandle, loop: SSHEventLoop) {
        self.handle = handle
        self.loop = loop
    }

    /// Whether new tunnels are taken: the session works, is not closing, and no channel opening
    /// that its caller gave up on holds up the queue.
    var acceptsTunnels: Bool { lock.withLock { !detached && !closing && !openingAbandoned } }

    /// Queues `request`; false (and nothing queued) once the pump is closing or gone.
    func submit(_ request: TunnelRequest) -> Bool {
        let taken = lock.withLock {
            guard !detached && !closing else { return false }
            inbox.append(request)
            return true
        }
        if taken { loop.wake() }
        return taken
    }

    /// Takes no more tunnels and returns once the last one has ended and the pump is detached.
    func finish() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let gone = lock.withLock {
                closing = true
                if !detached { onDetach.append { continuation.resume() } }
                return detached
            }
            if gone { continuation.resume() } else { loop.wake() }
        }
    }

    func drive(now: ContinuousClock.Instant) -> (descriptors: [pollfd], deadline: ContinuousClock.Instant?)? {
        let (fresh, closing) = lock.withLock {
            defer { inbox.removeAll() }
            return (inbox, self.closing)
        }
        queue += fresh
        do throws(SSHError) {
            expire(now: now)
            try advance()
        } catch {
            collapse(error)
            return nil
        }
        if closing && queue.isEmpty && opening == nil && tunnels.isEmpty {
            detach()
            return nil
        }
        return wait()
    }

    /// Resumes the half-sent call if there is one, then opens channels and pumps tunnels until
    /// nothing moves, a call must be resumed first, or `roundsPerDrive` rounds have run.
    private func advance() throws(SSHError) {
        hasMore = false
        if let pending = resumption {
            resumption = nil
            try resume(pending)
            if resumption != nil { return }
        }
        var moved = true
        for _ in 0..<Self.roundsPerDrive {
            guard moved || tunnels.contains(where: \.hasQueuedInput) else { return }
            moved = try openNext()
            if resumption != nil { return }
            for tunnel in tunnels {
                moved = try tunnel.pump() || moved
                if tunnel.mustResume {
                    resumption = .tunnel(tunnel)
                    return
                }
            }
            tunnels.removeAll(where: \.isDone)
        }
        hasMore = true
    }

    /// Runs the half-sent call again; it stays the one to resume if it is still half sent.
    private func resume(_ pending: Resumption) throws(SSHError) {
        switch pending {
        case .opening:
            _ = try openNext()
        case .tunnel(let tunnel):
            _ = try tunnel.pump()
            if tunnel.mustResume { resumption = pending }
        }
    }

    /// Starts or continues the channel opening at the head of the queue; true if it finished.
    private func openNext() throws(SSHError) -> Bool {
        if opening == nil, !queue.isEmpty { opening = queue.removeFirst() }
        guard let request = opening else { return false }
        guard
            let channel = libssh2_channel_direct_tcpip_ex(
                handle.raw, request.host, Int32(request.port), "127.0.0.1", 22)
        else {
            if handle.wouldBlock {
                if handle.sendPending { resumption = .opening }
                return false
            }
            let refused = handle.lastErrno == LIBSSH2_ERROR_CHANNEL_FAILURE
            let error = handle.error(.unreachable, "cannot open a channel to \(request.destination)")
            guard refused else { throw error }
            endOpening()
            request.discard(error)
            return true
        }
        endOpening()
        tunnels.append(
            ForwardedChannel(handle: handle, channel: channel, descriptor: request.local, onEnd: request.end))
        // A caller that gave up has no use for the tunnel: its end closed, the tunnel ends.
        if !request.succeed() { close(request.remote) }
        return true
    }

    private func endOpening() {
        opening = nil
        lock.withLock { openingAbandoned = false }
    }

    /// Fails the requests whose callers stopped waiting. A channel opening in progress cannot be
    /// taken back: it goes on, and its tunnel is closed as soon as it is open.
    private func expire(now: ContinuousClock.Instant) {
        queue.removeAll { request in
            guard request.deadline <= now else { return false }
            request.discard(timeout(request))
            return true
        }
        if let request = opening, request.deadline <= now, request.fail(timeout(request)) {
            lock.withLock { openingAbandoned = true }
        }
    }

    private func timeout(_ request: TunnelRequest) -> SSHError {
        SSHError(.timedOut, host: handle.host, message: "opening a channel to \(request.destination) timed out")
    }

    /// The session failed: every request fails with `error`, every tunnel's socket is closed.
    private func collapse(_ error: SSHError) {
        (queue + [opening].compactMap { $0 }).forEach { $0.discard(error) }
        tunnels.forEach { $0.drop() }
        queue = []
        opening = nil
        tunnels = []
        detach()
    }

    private func detach() {
        let (waiters, late) = lock.withLock {
            detached = true
            defer { onDetach = []; inbox = [] }
            return (onDetach, inbox)
        }
        late.forEach {
            $0.discard(SSHError(.disconnected, host: handle.host, message: "the bastion session is closed"))
        }
        waiters.forEach { $0() }
    }

    /// The session's socket, only while some call would read it or a packet is half sent (else
    /// data or a hang-up that nothing takes would wake the loop without end), and the tunnels' sockets.
    private func wait() -> (descriptors: [pollfd], deadline: ContinuousClock.Instant?) {
        let requests = queue + [opening].compactMap { $0 }
        let reading = !requests.isEmpty || tunnels.contains(where: \.readsSession)
        let events = (reading ? Int16(POLLIN) : 0) | (handle.sendPending ? Int16(POLLOUT) : 0)
        let session = events == 0 ? [] : [pollfd(fd: handle.descriptor, events: events, revents: 0)]
        let deadline = hasMore ? .now : requests.filter { !$0.isAnswered }.map(\.deadline).min()
        return (session + tunnels.compactMap(\.wait), deadline)
    }
}
