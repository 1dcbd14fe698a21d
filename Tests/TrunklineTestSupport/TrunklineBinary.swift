import Foundation

/// The `trunkline` executable the suites run: `TRUNKLINE_BINARY` if set, else the one built
/// beside the test bundle, in the build directory the tests themselves come from (debug or
/// release, whatever the scratch path).
public enum TrunklineBinary {
    /// The executable's path.
    public static let path: String = {
        if let given = ProcessInfo.processInfo.environment["TRUNKLINE_BINARY"], !given.isEmpty { return given }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return bundle.deletingLastPathComponent().appendingPathComponent("trunkline").path
    }()

    /// `trunkline ARGUMENTS` in `directory`: its exit status, and its standard output and
    /// error together.
    public static func run(_ arguments: [String], in directory: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
