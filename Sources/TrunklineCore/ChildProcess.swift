import Foundation

/// Runs a local program to its end (an inventory script, a vault password script, `ssh -G`):
/// standard input empty, its standard error kept in a temporary file so that neither pipe can
/// fill while the other is read, and stopped after `timeout` seconds.
public enum ChildProcess {
    public struct Outcome: Sendable {
        /// The exit status, if the program exited (nil if it was stopped or killed).
        public var status: Int32?
        public var output: Data
        public var errors: Data

        /// Standard error as text, at most `limit` bytes of it, trimmed.
        public func errorText(limit: Int = 2000) -> String {
            String(decoding: errors.prefix(limit), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    public static func run(_ path: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
        process.arguments = arguments
        let output = Pipe()
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-child-\(UUID().uuidString)")
        guard
            FileManager.default.createFile(
                atPath: errorFile.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown)
        }
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? errors.close(); try? FileManager.default.removeItem(at: errorFile) }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return Outcome(
            status: process.terminationReason == .exit ? process.terminationStatus : nil, output: data,
            errors: (try? Data(contentsOf: errorFile)) ?? Data())
    }
}
