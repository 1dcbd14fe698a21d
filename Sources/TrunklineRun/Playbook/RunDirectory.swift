import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineInput
import TrunklineReporting

/// A run's record on the controller, `RUNS/RUN-ID/` (0700): `hosts/HOST.log` with each host's
/// lines as the text report shows them, and `result.json` with every outcome.
public struct RunDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Creates `RUN-ID` under `runs` (and `runs` with its parents, 0700, if need be). A
    /// failure is an `InputError` at `--runs-dir` if the flag gave `runs` (`given`), else at
    /// the default path, with the system's reason.
    init(runs: String, runID: String, given: Bool) throws {
        path = runs + "/" + runID
        if let code = Self.makeDirectories(path + "/hosts") {
            throw given
                ? InputError(SourceLocation(whole: "--runs-dir \(runs)"), "cannot create: \(ErrnoText.of(code))")
                : InputError(
                    SourceLocation(whole: runs), "cannot create the runs directory: \(ErrnoText.of(code))",
                    hint: "choose one with --runs-dir")
        }
        _ = chmod(path, 0o700)
    }

    /// `mkdir -p` with mode 0700; the `errno` of the first directory that could not be made.
    private static func makeDirectories(_ path: String) -> Int32? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST { return errno }
        }
        var status = stat()
        guard stat(path, &status) == 0 else { return errno }
        return status.st_mode & S_IFMT == S_IFDIR ? nil : ENOTDIR
    }

    /// Appends a host's lines to its log (a host in several plays gets one log); a `/` or `..`
    /// in the host's name becomes `_` so the log stays in the directory (by Unicode scalar: a `/`
    /// with a combining mark after it is one `Character`, but still a `/` in a path).
    public func log(host: String, lines: [String]) throws {
        let file =
            path + "/hosts/"
            + String(String.UnicodeScalarView(host.unicodeScalars.map { $0 == "/" || $0 == "\0" ? "_" : $0 }))
            .replacingOccurrences(of: "..", with: "__")
            + ".log"
        let bytes = Data((lines.joined(separator: "\n") + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: file) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes)
        } else {
            try ReportFile.write(Array(bytes), to: file, mode: 0o600, synced: false)
        }
    }

    /// Writes `name` in the directory, atomically, not synced to disk (a run's record, like its logs).
    public func write(_ name: String, _ bytes: [UInt8]) throws {
        try ReportFile.write(bytes, to: path + "/" + name, mode: 0o600, synced: false)
    }
}
