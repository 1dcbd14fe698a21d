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
}
