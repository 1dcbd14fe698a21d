import CLibSSH2
import Foundation

/// One remote command on its own channel, driven step by step by the event loop:
/// open the channel, start the command, feed stdin while reading stdout and stderr
/// (both, so neither side can stall on a full window), then collect the exit status.
final class ChannelExecution {
    private enum Phase { case opening, starting, running, closing, waitingForClose }
    /// The streams `pump` serves, each with calls that can leave a packet half sent.
    private enum Stream { case stdin, stdout, stderr }

    private static let chunk = 65_536
    private let handle: SessionHandle
    private let command: [UInt8]
    private let stdin: [UInt8]
    private let outputLimit: Int
    private var stdinOffset = 0
    private var eofSent = false
    private var phase = Phase.opening
    private var channel: OpaquePointer?
    private var stdout: [UInt8] = []
    private var stderr: [UInt8] = []
    private var received = 0
    /// The stream whose call left a packet half sent: libssh2 refuses any other packet until
    /// that call runs again, so it runs first.
    private var unfinished: Stream?
    private var buffer = [CChar](repeating: 0, count: chunk)

    /// Prepares `command` (sent as its UTF-8 bytes) with `stdin` bytes; more than
    /// `outputLimit` bytes of output (standard output and error together) fail it, so that a
    /// host that answers without end cannot exhaust the controller's memory.
    init(handle: SessionHandle, command: String, stdin: [UInt8], outputLimit: Int) {
        self.handle = handle
        self.command = Array(command.utf8)
        self.stdin = stdin
        self.outputLimit = outputLimit
    }

    deinit {
        if let channel { libssh2_channel_free(channel) }
    }

    /// Advances as far as the socket allows.
    func attempt() throws -> SSHEventLoop.Attempt<SSHExecResult> {
        while true {
            switch phase {
            case .opening:
                guard let opened = tl_channel_open_session(handle.raw) else {
                    if handle.wouldBlock { return handle.blocked() }
                    throw handle.error(.channelFailed, "cannot open a channel")
                }
                channel = opened
                phase = .starting
            case .starting:
                let code = command.withUnsafeBufferPointer { bytes in
                    bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        tl_channel_exec(channel, $0, UInt32(bytes.count))
                    }
                }
                if code == LIBSSH2_ERROR_EAGAIN { return handle.blocked() }
                if code != 0 { throw handle.error(.channelFailed, "cannot start the command") }
                phase = .running
            case .running:
                try pump()
                guard unfinished == nil, libssh2_channel_eof(channel) == 1 else { return handle.blocked() }
                phase = .closing
            case .closing:
                let code = libssh2_channel_close(channel)
                if code == LIBSSH2_ERROR_EAGAIN { return handle.blocked() }
                phase = .waitingForClose
            case .waitingForClose:
                let code = libssh2_channel_wait_closed(channel)
                if code == LIBSSH2_ERROR_EAGAIN { return handle.blocked() }
                return .done(finish())
            }
        }
    }

    private func pump() throws {
        if let stream = unfinished {
            unfinished = nil
            try serve(stream)
            if unfinished != nil { return }
        }
        for stream in [Stream.stdin, .stdout, .stderr] {
            try serve(stream)
            if unfinished != nil { return }
        }
    }

    private func serve(_ stream: Stream) throws {
        switch stream {
        case .stdin: try writeStdin()
        case .stdout: try drain(stream: 0, into: &stdout)
        case .stderr: try drain(stream: SSH_EXTENDED_DATA_STDERR, into: &stderr)
        }
        if unfinished == nil, handle.sendPending { unfinished = stream }
    }

    private func writeStdin() throws {
        while stdinOffset < stdin.count {
            let length = min(Self.chunk, stdin.count - stdinOffset)
            let written = stdin.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.advanced(by: stdinOffset).withMemoryRebound(to: CChar.self, capacity: length) {
                    tl_channel_write(channel, $0, length)
                }
            }
            if written == Int(LIBSSH2_ERROR_EAGAIN) { return }
            if written < 0 {
                // The command may exit without reading all of its input; that is its business.
                if libssh2_channel_eof(channel) == 1 { stdinOffset = stdin.count; break }
                throw handle.error(.channelFailed, "cannot write the command's input")
            }
            stdinOffset += written
        }
        guard !eofSent else { return }
        let code = libssh2_channel_send_eof(channel)
        if code == 0 || code != LIBSSH2_ERROR_EAGAIN { eofSent = true }
    }

    private func drain(stream: Int32, into output: inout [UInt8]) throws {
        while true {
            let count = tl_channel_read(channel, stream, &buffer, buffer.count)
            if count == Int(LIBSSH2_ERROR_EAGAIN) || count == 0 { return }
            if count < 0 { throw handle.error(.channelFailed, "cannot read the command's output") }
            received += count
            if received > outputLimit {
                throw handle.error(.channelFailed, "the command's output passed \(outputLimit) bytes; reading stopped")
            }
            buffer.withUnsafeBufferPointer { chars in
                chars.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: count) {
                    output.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
                }
            }
        }
    }

    private func finish() -> SSHExecResult {
        var signal: UnsafeMutablePointer<CChar>?
        var signalLength = 0
        libssh2_channel_get_exit_signal(channel, &signal, &signalLength, nil, nil, nil, nil)
        let signalName = signal.map {
            String(decoding: UnsafeRawBufferPointer(start: $0, count: signalLength), as: UTF8.self)
        }
        if let signal { libssh2_free(handle.raw, signal) }
        let status = signalName == nil ? libssh2_channel_get_exit_status(channel) : nil
        libssh2_channel_free(channel)
        channel = nil
        return SSHExecResult(stdout: stdout, stderr: stderr, exitStatus: status, exitSignal: signalName)
    }
}
