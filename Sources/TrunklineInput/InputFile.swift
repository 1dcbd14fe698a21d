import Foundation
import TrunklineCore

/// Reads an input file (inventory, playbook, variables, role template) for every loader, so
/// they all refuse the same things in the same words: the system's reason (`no such file or
/// directory`, `is a directory`, `permission denied`, `too many levels of symbolic links`),
/// anything but a regular file (`/dev/null`, a FIFO: one could block, another never end), and a
/// file over `sizeLimit`, which is no inventory but a wrong path that would fill the memory.
public enum InputFile {
    /// The largest file read.
    public static let sizeLimit = 64 << 20

    /// The UTF-8 text of the file at `path`. Errors are at `place` (where the path is written)
    /// and name the path, or else are at the file itself.
    public static func read(_ path: String, namedAt place: SourceLocation? = nil) throws -> String {
        func failure(_ reason: String) -> InputError {
            InputError(
                place ?? SourceLocation(whole: path),
                place == nil ? "cannot read: \(reason)" : "cannot read \(path): \(reason)")
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(ErrnoText.of(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(ErrnoText.of(errno)) }
        let type = status.st_mode & S_IFMT
        guard type != S_IFDIR else { throw failure(ErrnoText.of(EISDIR)) }
        guard type == S_IFREG else { throw failure("not a regular file") }
        guard status.st_size <= sizeLimit else { throw failure("larger than \(sizeLimit >> 20) MiB") }
        let bytes = try contents(of: descriptor, failure: failure)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw failure("not UTF-8 text") }
        return text
    }

    /// Every byte up to one past the limit (a file may grow while it is read).
    private static func contents(of descriptor: Int32, failure: (String) -> InputError) throws -> [UInt8] {
        var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= sizeLimit {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw failure(ErrnoText.of(errno)) }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
        throw failure("larger than \(sizeLimit >> 20) MiB")
    }
}
