import Foundation
import Glibc
import TrunklineInput

/// Writes a report file atomically: a temporary file beside it, then a rename, so a reader
/// (node_exporter, a web server) never sees half a file. The temporary file is made with
/// `open(O_EXCL)` and its mode set with `fchmod` (the umask does not narrow it), written,
/// synced unless asked not to, closed and renamed: one file and one rename, without the second
/// temporary file of Foundation's atomic write.
public enum ReportFile {
    /// A report file that could not be written: the file, and the system's reason.
    public struct Failure: LocalizedError, CustomStringConvertible {
        /// The file that was to be written.
        public let path: String
        /// The `errno` of the call that failed.
        public let code: Int32

        public var description: String { "\(path): \(ErrnoText.of(code))" }
        public var errorDescription: String? { description }
    }

    /// Writes `bytes` to `path` with `mode`, creating the parent directory. `synced` (the
    /// default) flushes the bytes to disk before the rename, so that a power loss leaves the old
    /// file or the new one, never an empty one; a run directory's own logs, written for every
    /// host and never replaced, are not synced, which cost a run one disk flush for each host.
    public static func write(_ bytes: [UInt8], to path: String, mode: Int = 0o644, synced: Bool = true) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(
            ".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp"
        ).path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        do {
            try fill(descriptor, bytes: bytes, mode: mode_t(mode), synced: synced, path: path)
            try check(rename(temporary, path), path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Gives the new file `descriptor` its mode and `bytes`, syncs it if asked, and closes it.
    private static func fill(_ descriptor: Int32, bytes: [UInt8], mode: mode_t, synced: Bool, path: String) throws {
        var closed = false
        defer { if !closed { close(descriptor) } }
        try check(fchmod(descriptor, mode), path)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            if count == 0 { throw Failure(path: path, code: EIO) }
            try check(count, path)
            written += count
        }
        if synced { try check(fsync(descriptor), path) }
        closed = true
        try check(close(descriptor), path)
    }

    /// Throws the `errno` of a call that returned a negative `result`, naming `path`.
    private static func check<Result: BinaryInteger>(_ result: Result, _ path: String) throws {
        if result < 0 { throw Failure(path: path, code: errno) }
    }
}
