import Foundation
import Testing

/// The programs that read the report's outputs (headless Chromium, xmllint, Python's
/// prometheus_client, node_exporter and promtool when installed), run on files in a scratch directory. `scripts/install-deps` installs them.
struct ReportConsumer {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-report-consumer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the scratch directory; returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `argv` (found on a standard PATH) in the scratch directory; its status and its
    /// standard output and error together.
    func run(_ argv: [String]) throws -> (status: Int32, output: String) {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"] + argv
        process.currentDirectoryURL = directory
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Headless Chromium with a window of `width`×`height`, its profile in the scratch directory.
    func chromium(_ arguments: [String], width: Int = 1280, height: Int = 900) throws -> (status: Int32, output: String)
    {
        try run(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=\(directory.path)/profile",
                "--enable-logging=stderr", "--v=0", "--window-size=\(width),\(height)",
            ] + arguments)
    }

    /// node_exporter: `TRUNKLINE_NODE_EXPORTER`, or Debian's `prometheus-node-exporter`; nil if neither.
    static let nodeExporter: String? = [
        ProcessInfo.processInfo.environment["TRUNKLINE_NODE_EXPORTER"], "/usr/bin/prometheus-node-exporter",
    ]
    .compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// promtool: `TRUNKLINE_PROMTOOL`, or Debian's (package `prometheus`); nil if neither.
    static let promtool: String? = [ProcessInfo.processInfo.environment["TRUNKLINE_PROMTOOL"], "/usr/bin/promtool"]
        .compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `promtool check metrics` on `text` (the exposition format): its status (0 clean, 3 for
    /// lint problems) and what it said.
    func checkMetrics(_ text: String, name: String) throws -> (status: Int32, output: String) {
        let path = try file(name, text)
        return try run(["sh", "-c", "exec \"$0\" check metrics < \"$1\"", try #require(Self.promtool), path])
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
