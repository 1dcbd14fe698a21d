import CLibSSH2
import Foundation

/// A libssh2 session pointer with its socket: the one place that turns libssh2's
/// return codes into waits (`libssh2_session_block_directions`) and typed errors
/// (`libssh2_session_last_error`). Used on the event loop thread only.
struct SessionHandle {
    /// The `LIBSSH2_SESSION *`.
    let raw: OpaquePointer
    /// The connected socket the session runs on.
    let descriptor: Int32
    /// The host name used in errors.
    let host: String

    /// The error number of the last failed call (`libssh2_session_last_errno`).
    var lastErrno: Int32 { libssh2_session_last_errno(raw) }

    /// True when the last call on a pointer-returning function failed only because it would block.
    var wouldBlock: Bool { lastErrno == LIBSSH2_ERROR_EAGAIN }

    /// True while a packet is half sent (`LIBSSH2_SESSION_BLOCK_OUTBOUND`): libssh2 then refuses
    /// any other packet, so the call that returned `LIBSSH2_ERROR_EAGAIN` must run again first.
    var sendPending: Bool { libssh2_session_block_directions(raw) & tl_session_block_outbound != 0 }

    /// The wait libssh2 asks for after `LIBSSH2_ERROR_EAGAIN`.
    func blocked<Value>() -> SSHEventLoop.Attempt<Value> {
        let directions = libssh2_session_block_directions(raw)
        var events: Int16 = 0
        if directions & tl_session_block_inbound != 0 { events |= Int16(POLLIN) }
        if directions & tl_session_block_outbound != 0 { events |= Int16(POLLOUT) }
        return .blocked(descriptor: descriptor, events: events == 0 ? Int16(POLLIN) : events)
    }

    /// An error for `what`, with libssh2's own message and number (`libssh2_session_last_error`).
    func error(_ code: SSHError.Code, _ what: String) -> SSHError {
        var message: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        let number = libssh2_session_last_error(raw, &message, &length, 0)
        let text = message.map { String(cString: $0) } ?? ""
        let code =
            number == LIBSSH2_ERROR_SOCKET_DISCONNECT || number == LIBSSH2_ERROR_SOCKET_RECV
                || number == LIBSSH2_ERROR_SOCKET_SEND ? .disconnected : code
        return SSHError(
            code, host: host, message: text.isEmpty ? what : "\(what): \(text)",
            libssh2Code: number == 0 ? nil : number)
    }
}
