import Foundation

@testable import TrunklinePlaybook

/// A playbook written to a temporary file and loaded, for the tests of this target.
enum PlaybookText {
    /// The plays of `text`, loaded from a file named `steps.yml` in a directory of its own (so
    /// errors name `steps.yml:LINE:COLUMN`).
    static func load(_ text: String) throws -> [Play] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-playbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("steps.yml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try PlaybookLoader.load(path)
    }

    /// The error `text` is refused with, its file name shortened to `steps.yml`.
    static func error(_ text: String) -> String? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return "\(error)".replacingOccurrences(
                of: #"^.*/steps\.yml"#, with: "steps.yml", options: .regularExpression)
        }
    }
}
