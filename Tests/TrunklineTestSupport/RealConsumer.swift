import Foundation

/// The real programs that read what Trunkline renders (`sh`, `ifquery`, `netplan`, `xmllint`,
/// `virt-xml-validate`), run on a file in a scratch directory, so a rendering test checks the
/// output the way its consumer parses it. `scripts/install-deps` installs them all.
public struct RealConsumer {
    public let directory: URL

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-consumer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// True if `tool` is on the PATH (the consumer tests are enabled by it).
    public static func has(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
            || ["/usr/sbin", "/sbin"].contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// Writes `text` to `name` in the scratch directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String, mode: Int = 0o644) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    /// Runs `argv` in the scratch directory with an empty environment (but PATH); its status,
    /// standard output and standard error.
    public func run(_ argv: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"] + argv
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile(),
            err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The values of `names` after `sh` sources `file` (as grub-mkconfig and initscripts do),
    /// NUL-separated so that any byte survives; nil if sourcing failed.
    public func sourced(_ file: String, _ names: [String]) throws -> [String]? {
        let script = ". ./\(file) || exit 9; printf '%s\\0' " + names.map { "\"${\($0)}\"" }.joined(separator: " ")
        let result = try run(["sh", "-c", script])
        guard result.status == 0 else { return nil }
        return result.output.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
