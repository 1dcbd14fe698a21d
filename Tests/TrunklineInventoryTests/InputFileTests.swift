import Foundation
import Testing
import TrunklineCore
import TrunklineInput

@testable import TrunklineInventory

/// Every loader reads through `InputFile`: an unreadable input says why, in the system's words.
@Suite("Reading input files")
struct InputFileTests {
    let directory: String

    init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-input-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/dir", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: directory + "/loop", withDestinationPath: directory + "/loop")
        try "all: {}\n".write(toFile: directory + "/locked.yml", atomically: true, encoding: .utf8)
        _ = chmod(directory + "/locked.yml", 0)
        _ = mkfifo(directory + "/fifo", 0o600)
        _ = FileManager.default.createFile(atPath: directory + "/huge.yml", contents: nil)
        _ = truncate(directory + "/huge.yml", off_t(InputFile.sizeLimit + 1))
        _ = FileManager.default.createFile(
            atPath: directory + "/latin1.yml", contents: Data([0x61, 0x3a, 0x20, 0xe9, 0x0a]))
    }

    func message(_ name: String) -> String {
        do {
            _ = try InventoryLoader.load(name.hasPrefix("/") ? name : directory + "/" + name)
            return "loaded"
        } catch let error as InputError {
            return error.description.replacingOccurrences(of: directory + "/", with: "")
        } catch {
            return "\(error)"
        }
    }

    // Before, all of these said `:1:1: error: cannot read the file` (a FIFO made the load wait forever).
    @Test(
        "missing, a directory, a symlink loop, no regular file, too large, not UTF-8",
        arguments: [
            ("missing.yml", "missing.yml: error: cannot read: no such file or directory"),
            ("loop", "loop: error: cannot read: too many levels of symbolic links"),
            ("/dev/null", "/dev/null: error: cannot read: not a regular file"),
            ("fifo", "fifo: error: cannot read: not a regular file"),
            ("huge.yml", "huge.yml: error: cannot read: larger than 64 MiB"),
            ("latin1.yml", "latin1.yml: error: cannot read: not UTF-8 text"),
        ])
    func reasons(name: String, expected: String) {
        #expect(message(name) == expected)
    }

    // An inventory may be a directory (Ansible reads every source in it); any other input may not.
    @Test("a directory is no input file")
    func directoryRefused() {
        #expect {
            _ = try InputFile.read(directory + "/dir")
        } throws: { error in
            (error as? InputError)?.description == "\(directory)/dir: error: cannot read: is a directory"
        }
    }

    @Test("a file the user may not read", .enabled(if: getuid() != 0, "root reads any file"))
    func permissionDenied() {
        #expect(message("locked.yml") == "locked.yml: error: cannot read: permission denied")
    }

    @Test("where a path is written in another file, the error is there and names the path")
    func namedAt() {
        let place = SourceLocation(file: "play.yml", line: 4, column: 7)
        #expect {
            try InputFile.read(directory + "/dir", namedAt: place)
        } throws: { error in
            (error as? InputError)?.description == "play.yml:4:7: error: cannot read \(directory)/dir: is a directory"
        }
    }
}
