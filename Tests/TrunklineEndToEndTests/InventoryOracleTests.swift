import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineRun

/// ansible-core is the oracle: for each inventory of the corpus (`InventoryCorpus/NAME/`, with
/// the inventory arguments in `args`, one a line, and the hosts to ask `--host` about in
/// `hostnames`), `trunkline inventory --list` must print what `ansible-inventory --list` prints
/// (groups, their hosts and children in order, every host's merged variables with their
/// types), and `--host NAME` likewise. ansible-core is the pinned one `scripts/install-deps`
/// puts in a venv.
@Suite("ansible-inventory as the oracle")
struct InventoryOracleTests {
    static let venv = ProcessInfo.processInfo.environment["TRUNKLINE_ANSIBLE_VENV"] ?? "/var/lib/trunkline-venv-ansible"
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "InventoryCorpus"
    ).path
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).sorted()

    @Test("the corpus has the 12 real-world forms and more")
    func corpusSize() {
        #expect(Self.cases.count >= 17)
    }

    @Test("trunkline inventory --list and --host equal ansible-inventory's", arguments: cases)
    func agrees(name: String) throws {
        let ansible = Self.venv + "/bin/ansible-inventory"
        try #require(
            FileManager.default.isExecutableFile(atPath: ansible),
            "no ansible-core at \(Self.venv): run scripts/install-deps")
        let directory = Self.corpus + "/" + name
        let arguments = try Self.arguments(in: directory)
        let hostnames = ((try? String(contentsOfFile: directory + "/hostnames", encoding: .utf8)) ?? "").split(
            separator: "\n"
        ).map(String.init)
        // An empty working directory: ansible-inventory reads group_vars/ in it as a playbook's.
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-oracle-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        for query in [["--list"]] + hostnames.map({ ["--host", $0] }) {
            let expected = try Self.run(ansible, arguments + query, in: work)
            let actual = try Self.run(ValidateCommandTests.binary, ["inventory"] + arguments + query, in: work)
            let same =
                try JSONDecoder().decode(JSON.self, from: Data(expected.utf8))
                == JSONDecoder().decode(JSON.self, from: Data(actual.utf8))
            #expect(
                same, "\(name) \(query.joined(separator: " ")):\nansible-inventory:\n\(expected)\ntrunkline:\n\(actual)"
            )
        }
    }

    /// The lines of `args`, a path after `-i` or `--playbook-dir` made absolute (a host list,
    /// with a comma, stays as it is).
    static func arguments(in directory: String) throws -> [String] {
        let lines = try String(contentsOfFile: directory + "/args", encoding: .utf8).split(separator: "\n").map(
            String.init)
        return lines.enumerated().map { index, line in
            guard index > 0, ["-i", "--playbook-dir"].contains(lines[index - 1]), !line.contains(",") else {
                return line
            }
            return directory + "/" + line
        }
    }

    /// The standard output of a command; a failure is an error with its standard error.
    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "true"
        environment["ANSIBLE_LOCAL_TEMP"] = directory + "/.ansible-tmp"
        environment["ANSIBLE_HOME"] = directory + "/.ansible"
        environment["ANSIBLE_NOCOLOR"] = "1"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description:
                    "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errorData, as: UTF8.self))"
            )
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `trunkline ARGUMENTS` in `directory`: its exit status, and its standard output and
    /// error together.
    static func trunkline(_ arguments: [String], in directory: String) throws -> (Int32, String) {
        try TrunklineBinary.run(arguments, in: directory)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}

/// JSON compared strictly by type: a boolean is no number, but 1 and 1.0 are the same number
/// (Python prints floats with a point, Swift drops it).
enum JSON: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSON].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }
}
