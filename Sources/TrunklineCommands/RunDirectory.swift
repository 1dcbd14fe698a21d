import Foundation
import TrunklineEngine
import TrunklineReporting

/// A run's record on the controller, `RUNS/RUN-ID/` (0700): `hosts/HOST.log` with each host's
/// lines as the text report shows them, and `result.json` with every outcome.
struct RunDirectory {
    /// The directory's path.
    let path: String

    /// Creates `RUN-ID` under `runs`.
    init(runs: String, runID: String) throws {
        path = runs + "/" + runID
        try FileManager.default.createDirectory(atPath: path + "/hosts", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        _ = chmod(path, 0o700)
    }

    /// Appends a host's lines to its log (a host in several plays gets one log); a `/` or `..`
    /// in the host's name becomes `_` so the log stays in the directory.
    func log(host: String, lines: [String]) throws {
        let file = path + "/hosts/" + String(host.map { $0 == "/" || $0 == "\0" ? "_" : $0 }).replacingOccurrences(of: "..", with: "__") + ".log"
        let bytes = Data((lines.joined(separator: "\n") + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: file) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes)
        } else {
            try ReportFile.write(Array(bytes), to: file, mode: 0o600)
        }
    }

    /// Writes `name` in the directory, atomically.
    func write(_ name: String, _ bytes: [UInt8]) throws {
        try ReportFile.write(bytes, to: path + "/" + name, mode: 0o600)
    }
}
