import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a report file atomically: a temporary file beside it, then a rename, so a reader
/// (node_exporter, a web server) never sees half a file. The temporary file is made with
/// `open(O_EXCL)` and its mode set with `fchmod` (the umask does not narrow it), written and
/// renamed: one file and one rename, without the second temporary file and the `fsync` of
/// Foundation's atomic write, which cost a run one disk flush for every host's log.
public enum ReportFile {
    /// Writes `bytes` to `path` with `mode`, creating the parent directory.
    public static func write(_ bytes: [UInt8], to path: String, mode: Int = 0o644) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp"
        ).path
        do {
            try create(temporary, bytes: bytes, mode: mode_t(mode))
            try check(rename(temporary, path), temporary)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// A new file at `path` (never an existing one, nor through a link) with `bytes` and `mode`.
    private static func create(_ path: String, bytes: [UInt8], mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        try check(descriptor, path)
        defer { close(descriptor) }
        try check(fchmod(descriptor, mode), path)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            try check(count < 0 ? -1 : 0, path)
            written += count
        }
    }

    /// Throws the `errno` of a call that returned a negative `result`, naming `path`.
    private static func check<Result: BinaryInteger>(_ result: Result, _ path: String) throws {
        guard result < 0 else { return }
        let code = errno
        throw CocoaError(
            .fileWriteUnknown,
            userInfo: [
                NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO),
            ]
        )
    }
}
