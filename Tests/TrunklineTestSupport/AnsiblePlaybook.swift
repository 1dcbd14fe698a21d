import Foundation

/// ansible-playbook from the venv `scripts/install-deps` makes (or `TRUNKLINE_ANSIBLE_VENV`),
/// run as the oracle tests run it.
public enum AnsiblePlaybook {
    /// The venv holding ansible-core.
    public static let venv =
        ProcessInfo.processInfo.environment["TRUNKLINE_ANSIBLE_VENV"] ?? "/var/lib/trunkline-venv-ansible"

    /// What `ansible-playbook arguments` prints in `directory` (without colour, its temporary
    /// files there); nil if there is no ansible-playbook.
    public static func output(_ arguments: [String], in directory: String) throws -> String? {
        let executable = venv + "/bin/ansible-playbook"
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["ANSIBLE_LOCAL_TEMP"] = directory + "/.ansible-tmp"
        environment["ANSIBLE_NOCOLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }
}
