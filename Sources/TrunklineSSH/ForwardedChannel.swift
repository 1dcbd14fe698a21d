import CLibSSH2
import Foundation

/// One direct-tcpip channel of a bastion session bridged to a local socket: what the tunneled
/// session writes to the other end of the socket pair goes into the channel, what the channel
/// brings comes out of it. Either side ending ends the tunnel: the socket is closed (the tunneled
/// session sees the connection drop, as it would over TCP), then the channel is closed and freed.
/// Driven by `BastionPump` on the loop thread.
final class ForwardedChannel {
    private enum Phase { case open, closing, freeing, done }
    /// The libssh2 calls that can leave a packet half sent.
    private enum Call { case read, write, close, free }

    private static let chunk = 32_768
    /// The most chunks one direction moves per `pump`, so that a busy tunnel cannot keep the
    /// loop from its other sessions.
    private static let chunksPerPump = 16
    private let handle: SessionHandle
    private let channel: OpaquePointer
    private var descriptor: Int32
    private let onEnd: () -> Void
    private var phase = Phase.open
    /// The call that left a packet half sent; it runs again before anything else.
    private var unfinished: Call?
    /// Bytes from the socket on their way into the channel.
    private var upward = [CChar](repeating: 0, count: chunk)
    private var upwardRange = 0..<0
    /// Bytes from the channel on their way out of the socket.
    private var downward = [CChar](repeating: 0, count: chunk)
    private var downwardRange = 0..<0

    /// Bridges `channel` to `descriptor` (non-blocking; owned from now on). `onEnd` runs once
    /// the channel is freed.
    init(handle: SessionHandle, channel: OpaquePointer, descriptor: Int32, onEnd: @escaping () -> Void) {
        self.handle = handle
        self.channel = channel
        self.descriptor = descriptor
        self.onEnd = onEnd
    }

    /// True once the channel is freed.
    var isDone: Bool { phase == .done }

    /// True when a call left a packet half sent: `pump` must run before any other libssh2 call.
    var mustResume: Bool { unfinished != nil }

    /// True when libssh2 holds channel data (read off the session's socket while serving another
    /// channel) that `pump` would take now; poll(2) cannot see it.
    var hasQueuedInput: Bool {
        phase == .open && unfinished == nil && downwardRange.isEmpty && libssh2_poll_channel_read(channel, 0) == 1
    }

    /// True when `pump` would read the session's socket: the tunnel is closing, or has room for
    /// what the channel brings.
    var readsSession: Bool { phase != .open || downwardRange.isEmpty }

    /// What to wait for on the local socket, if anything.
    var wait: pollfd? {
        guard phase == .open else { return nil }
        var events: Int16 = 0
        if upwardRange.isEmpty { events |= Int16(POLLIN) }
        if !downwardRange.isEmpty { events |= Int16(POLLOUT) }
        return events == 0 ? nil : pollfd(fd: descriptor, events: events, revents: 0)
    }

    /// Moves what can move without waiting; true if any byte moved or the tunnel changed phase.
    /// Throws only for a failure of the whole session.
    func pump() throws(SSHError) -> Bool {
        if let call = unfinished {
            unfinished = nil
            let moved = try perform(call)
            if unfinished != nil { return moved }
        }
        switch phase {
        case .open:
            let moved = try perform(.read)
            guard unfinished == nil, phase == .open else { return moved }
            return try perform(.write) || moved
        case .closing: return try perform(.close)
        case .freeing: return try perform(.free)
        case .done: return false
        }
    }

    /// Ends the tunnel of a session that is gone: the socket is closed, the channel is left to
    /// `libssh2_session_free`.
    func drop() {
        closeSocket()
        phase = .done
        onEnd()
    }

    private func perform(_ call: Call) throws(SSHError) -> Bool {
        switch call {
        case .read: return try moveDownward()
        case .write: return try moveUpward()
        case .close: return finishing(libssh2_channel_close(channel), call: .close, next: .freeing)
        case .free:
            let done = finishing(libssh2_channel_free(channel), call: .free, next: .done)
            if done { onEnd() }
            return done
        }
    }

    /// Channel to socket, until either would block or `chunksPerPump` chunks have moved.
    private func moveDownward() throws(SSHError) -> Bool {
        var moved = false
        for _ in 0..<Self.chunksPerPump where phase == .open {
            if !downwardRange.isEmpty {
                guard try flushDownward() else { return moved }
                moved = true
                continue
            }
            let count = tl_channel_read(channel, 0, &downward, downward.count)
            if count > 0 {
                downwardRange = 0..<count
                moved = true
                continue
            }
            if count == Int(LIBSSH2_ERROR_EAGAIN) {
                if handle.sendPending { unfinished = .read }
                return moved
            }
            if count == 0 && libssh2_channel_eof(channel) != 1 { return moved }
            try checkChannelFailure(count, "cannot read from a tunnel")
            beginClosing()
            return true
        }
        return moved
    }

    /// Writes some of `downward` to the socket; false if the socket is full.
    private func flushDownward() throws(SSHError) -> Bool {
        let sent = downward[downwardRange].withUnsafeBytes {
            send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        }
        if sent < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { return false }
            beginClosing()
            return true
        }
        downwardRange = downwardRange.lowerBound + sent..<downwardRange.upperBound
        return true
    }

    /// Socket to channel, until either would block, the channel's window is full, or
    /// `chunksPerPump` chunks have moved.
    private func moveUpward() throws(SSHError) -> Bool {
        var moved = false
        for _ in 0..<Self.chunksPerPump where phase == .open {
            if upwardRange.isEmpty {
                let count = recv(descriptor, &upward, upward.count, Int32(MSG_DONTWAIT))
                if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return moved }
                guard count > 0 else {
                    // The tunneled session closed its end (or it broke).
                    beginClosing()
                    return true
                }
                upwardRange = 0..<count
                moved = true
            }
            let written = upward[upwardRange].withUnsafeBufferPointer {
                tl_channel_write(channel, $0.baseAddress!, $0.count)
            }
            if written > 0 {
                upwardRange = upwardRange.lowerBound + written..<upwardRange.upperBound
                moved = true
                continue
            }
            if written == Int(LIBSSH2_ERROR_EAGAIN) {
                if handle.sendPending { unfinished = .write }
                return moved
            }
            if written == 0 { return moved }
            try checkChannelFailure(written, "cannot write to a tunnel")
            beginClosing()
            return true
        }
        return moved
    }

    /// For the closing calls: true (and on to `next`) when `code` says the call is over, whether
    /// it succeeded or not; a channel that cannot be closed is freed all the same.
    private func finishing(_ code: Int32, call: Call, next: Phase) -> Bool {
        guard code == LIBSSH2_ERROR_EAGAIN else {
            phase = next
            return true
        }
        if handle.sendPending { unfinished = call }
        return false
    }

    /// Returns if `code` is a failure of this channel only; throws if the session failed.
    private func checkChannelFailure(_ code: Int, _ what: String) throws(SSHError) {
        let channelOnly: Set<Int32> = [
            LIBSSH2_ERROR_CHANNEL_FAILURE, LIBSSH2_ERROR_CHANNEL_REQUEST_DENIED, LIBSSH2_ERROR_CHANNEL_UNKNOWN,
            LIBSSH2_ERROR_CHANNEL_WINDOW_EXCEEDED, LIBSSH2_ERROR_CHANNEL_PACKET_EXCEEDED,
            LIBSSH2_ERROR_CHANNEL_CLOSED, LIBSSH2_ERROR_CHANNEL_EOF_SENT,
        ]
        if code < 0 && !channelOnly.contains(Int32(code)) { throw handle.error(.disconnected, what) }
    }

    private func beginClosing() {
        closeSocket()
        upwardRange = 0..<0
        downwardRange = 0..<0
        phase = .closing
    }

    private func closeSocket() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }
}
