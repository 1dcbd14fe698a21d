import CLibSSH2
import Foundation

/// One SFTP file transfer (upload or download) driven step by step by the event loop.
final class SFTPTransfer {
    private enum Direction { case upload(bytes: [UInt8], mode: Int32), download }
    private enum Phase { case opening, transferring, settingMode, closing }

    private let handle: SessionHandle
    private let sftp: OpaquePointer
    private let path: [UInt8]
    private let direction: Direction
    private var phase = Phase.opening
    private var file: OpaquePointer?
    private var offset = 0
    private var received: [UInt8] = []
    private var buffer = [CChar](repeating: 0, count: 65_536)

    private init(handle: SessionHandle, sftp: OpaquePointer, path: String, direction: Direction) {
        self.handle = handle
        self.sftp = sftp
        self.path = Array(path.utf8)
        self.direction = direction
    }

    /// Creates `path` (which must not exist yet) with `bytes` and permissions `mode`.
    static func upload(handle: SessionHandle, sftp: OpaquePointer, path: String, bytes: [UInt8], mode: Int32) -> SFTPTransfer {
        SFTPTransfer(handle: handle, sftp: sftp, path: path, direction: .upload(bytes: bytes, mode: mode))
    }

    /// Reads the whole of `path`.
    static func download(handle: SessionHandle, sftp: OpaquePointer, path: String) -> SFTPTransfer {
        SFTPTransfer(handle: handle, sftp: sftp, path: path, direction: .download)
    }

    deinit {
        if let file { libssh2_sftp_close_handle(file) }
    }

    /// Advances as far as the socket allows; the value is the downloaded bytes (empty for uploads).
    func attempt() throws -> SSHEventLoop.Attempt<[UInt8]> {
        while true {
            switch phase {
            case .opening:
                guard let opened = open() else {
                    if handle.wouldBlock { return handle.blocked() }
                    throw failure("cannot open")
                }
                file = opened
                phase = .transferring
            case .transferring:
                guard try transfer() else { return handle.blocked() }
                phase = .settingMode
            case .settingMode:
                guard case .upload(_, let mode) = direction else { phase = .closing; continue }
                var attributes = LIBSSH2_SFTP_ATTRIBUTES()
                attributes.flags = UInt(LIBSSH2_SFTP_ATTR_PERMISSIONS)
                attributes.permissions = UInt(mode)
                let code = tl_sftp_fsetstat(file, &attributes)
                if code == LIBSSH2_ERROR_EAGAIN { return handle.blocked() }
                if code != 0 { throw failure("cannot set the mode of") }
                phase = .closing
            case .closing:
                let code = libssh2_sftp_close_handle(file)
                if code == LIBSSH2_ERROR_EAGAIN { return handle.blocked() }
                file = nil
                if code != 0 { throw failure("cannot close") }
                return .done(received)
            }
        }
    }

    private func open() -> OpaquePointer? {
        let (flags, mode): (UInt, Int) = switch direction {
        case .upload(_, let mode): (tl_sftp_write_flags, Int(mode))
        case .download: (UInt(LIBSSH2_FXF_READ), 0)
        }
        return path.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                tl_sftp_open(sftp, $0, UInt32(bytes.count), flags, mode)
            }
        }
    }

    /// Moves bytes; true when everything has been moved.
    private func transfer() throws -> Bool {
        switch direction {
        case .upload(let bytes, _):
            while offset < bytes.count {
                let length = min(65_536, bytes.count - offset)
                let written = bytes.withUnsafeBufferPointer { all in
                    all.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: length) {
                        libssh2_sftp_write(file, $0, length)
                    }
                }
                if written == Int(LIBSSH2_ERROR_EAGAIN) { return false }
                if written < 0 { throw failure("cannot write") }
                offset += written
            }
            return true
        case .download:
            while true {
                let count = libssh2_sftp_read(file, &buffer, buffer.count)
                if count == Int(LIBSSH2_ERROR_EAGAIN) { return false }
                if count < 0 { throw failure("cannot read") }
                if count == 0 { return true }
                received.append(contentsOf: buffer.prefix(count).map { UInt8(bitPattern: $0) })
            }
        }
    }

    private func failure(_ what: String) -> SSHError {
        let status = libssh2_sftp_last_error(sftp)
        let name = String(decoding: path, as: UTF8.self)
        let reason = SFTPStatus.describe(status)
        return SSHError(.sftpFailed, host: handle.host, message: "\(what) \(name): \(reason)",
                        libssh2Code: handle.lastErrno)
    }
}
