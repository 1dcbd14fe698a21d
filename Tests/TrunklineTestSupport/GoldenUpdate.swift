import Foundation

/// Whether a golden test rewrites its golden files (`TRUNKLINE_UPDATE_GOLDEN=1`) instead of
/// only comparing with them. Refused where `CI` is set: a rewrite makes the comparison pass by
/// construction, so CI must never go green that way.
public enum GoldenUpdate {
    /// The variable that asks for the rewrite.
    public static let variable = "TRUNKLINE_UPDATE_GOLDEN"

    /// A rewrite asked for under CI.
    public struct Refused: Error, CustomStringConvertible {
        /// What the test reports.
        public let description =
            "\(GoldenUpdate.variable) is refused when CI is set: golden files are rewritten by hand, never by CI"
    }

    /// True if `environment` asks for the rewrite; throws `Refused` when it also sets `CI`.
    public static func requested(in environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Bool
    {
        guard environment[variable] == "1" else { return false }
        guard environment["CI", default: ""].isEmpty else { throw Refused() }
        return true
    }
}
