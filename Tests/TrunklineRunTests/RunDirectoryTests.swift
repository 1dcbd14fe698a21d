import Foundation
import Testing

@testable import TrunklineRun

@Suite("The run directory")
struct RunDirectoryTests {
    @Test(
        "a host's log stays a file in hosts/, whatever the host's name: a slash, a slash with a combining mark, dots"
    )
    func hostLogsStayInTheDirectory() throws {
        let runs = FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-runs-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let directory = try RunDirectory(runs: runs, runID: "run", given: true)
        let names = ["hv01", "a/b", "x/\u{301}y", "../up", "/\u{301}..\u{301}/..", "n\0ul"]
        for name in names { try directory.log(host: name, lines: ["from \(name)"]) }
        let hosts = directory.path + "/hosts"
        let entries = try FileManager.default.contentsOfDirectory(atPath: hosts)
        #expect(entries.count == names.count, "\(entries)")
        for entry in entries {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: hosts + "/" + entry, isDirectory: &isDirectory))
            #expect(
                !isDirectory.boolValue && entry.hasSuffix(".log") && !entry.unicodeScalars.contains("/"), "\(entry)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs) == ["run"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["hosts"])
    }
}
