import CLibSSH2
import Foundation

/// known_hosts files read and written through libssh2's `libssh2_knownhost_*` API.
///
/// Hashed entries (`|1|salt|hash`) and `[host]:port` entries are understood by libssh2;
/// new entries are appended as one line, so the rest of the file stays as it was.
struct KnownHostsFile {
    /// What known_hosts says of a key.
    enum Verdict: Equatable {
        case match
        case mismatch
        case notFound
    }

    /// The files consulted, in order; the first one is where new keys are recorded.
    var paths: [String]

    /// The name known_hosts uses for a host: `host` on port 22, `[host]:port` otherwise.
    static func entryName(host: String, port: Int) -> String {
        port == 22 ? host : "[\(host)]:\(port)"
    }

    /// Checks `key` for `host:port` with `libssh2_knownhost_checkp` across every file.
    func verdict(for key: HostKey, host: String, port: Int, session: OpaquePointer) throws -> Verdict {
        guard let hosts = libssh2_knownhost_init(session) else {
            throw SSHError(.knownHostsUnusable, host: host, message: "libssh2_knownhost_init failed")
        }
        defer { libssh2_knownhost_free(hosts) }
        for path in paths where FileManager.default.fileExists(atPath: path) {
            if libssh2_knownhost_readfile(hosts, path, LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0 {
                throw SSHError(.knownHostsUnusable, host: host, message: "cannot read known_hosts file \(path)")
            }
        }
        let typeMask = tl_knownhost_plain_raw | key.knownHostKeyBits
        let result = key.blob.withUnsafeBufferPointer { blob in
            blob.baseAddress!.withMemoryRebound(to: CChar.self, capacity: blob.count) { pointer in
                libssh2_knownhost_checkp(hosts, host, Int32(port), pointer, blob.count, typeMask, nil)
            }
        }
        switch result {
        case LIBSSH2_KNOWNHOST_CHECK_MATCH: return .match
        case LIBSSH2_KNOWNHOST_CHECK_MISMATCH: return .mismatch
        case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND: return .notFound
        default:
            throw SSHError(.knownHostsUnusable, host: host, message: "libssh2_knownhost_checkp failed")
        }
    }

    /// Appends one OpenSSH-format line for `key` to the first file (created 0600 if missing).
    func record(_ key: HostKey, host: String, port: Int, session: OpaquePointer) throws {
        guard let path = paths.first else {
            throw SSHError(.knownHostsUnusable, host: host, message: "no known_hosts file to record the key in")
        }
        let line = try Self.line(for: key, name: Self.entryName(host: host, port: port), host: host, session: session)
        try Self.append(line, to: path, host: host)
    }

    private static func line(for key: HostKey, name: String, host: String, session: OpaquePointer) throws -> String {
        guard let hosts = libssh2_knownhost_init(session) else {
            throw SSHError(.knownHostsUnusable, host: host, message: "libssh2_knownhost_init failed")
        }
        defer { libssh2_knownhost_free(hosts) }
        var entry: UnsafeMutablePointer<libssh2_knownhost>?
        let added = key.blob.withUnsafeBufferPointer { blob in
            blob.baseAddress!.withMemoryRebound(to: CChar.self, capacity: blob.count) { pointer in
                libssh2_knownhost_addc(
                    hosts, name, nil, pointer, blob.count, nil, 0,
                    tl_knownhost_plain_raw | key.knownHostKeyBits, &entry)
            }
        }
        guard added == 0, let entry else {
            throw SSHError(.knownHostsUnusable, host: host, message: "libssh2_knownhost_addc failed")
        }
        var buffer = [CChar](repeating: 0, count: 16_384)
        var length = 0
        let written = libssh2_knownhost_writeline(
            hosts, entry, &buffer, buffer.count, &length,
            LIBSSH2_KNOWNHOST_FILE_OPENSSH)
        guard written == 0 else {
            throw SSHError(.knownHostsUnusable, host: host, message: "libssh2_knownhost_writeline failed")
        }
        let bytes = buffer.prefix(length).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ line: String, to path: String, host: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SSHError(
                .knownHostsUnusable, host: host,
                message: "cannot open \(path) for writing: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let text = line.hasSuffix("\n") ? line : line + "\n"
        let ok = text.utf8CString.withUnsafeBufferPointer { buffer in
            write(descriptor, buffer.baseAddress, buffer.count - 1) == buffer.count - 1
        }
        if !ok {
            throw SSHError(.knownHostsUnusable, host: host, message: "cannot append to \(path)")
        }
    }
}
