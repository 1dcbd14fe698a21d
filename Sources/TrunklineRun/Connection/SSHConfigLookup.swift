import Foundation
import TrunklineCore

/// What an OpenSSH client configuration (`~/.ssh/config`, or `--ssh-config FILE`) says about a
/// host, asked of the machine's own OpenSSH client: `ssh -G -F FILE HOST` prints the resolved
/// configuration (Host and Match blocks, Include, tokens, all as OpenSSH reads them), and the
/// settings that differ from `ssh -G -F /dev/null HOST` are the ones the file sets. Answers are
/// kept per file and host.
public enum SSHConfigLookup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: [String: [String]]] = [:]

    /// The configuration file to read: the one given, else `~/.ssh/config` if it exists.
    public static func file(
        given: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        if let given { return given }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = home + "/.ssh/config"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The settings `file` gives `host` (lower-case keywords; repeated ones in order), or an
    /// error if OpenSSH refuses the file.
    public static func settings(for host: String, file: String) throws -> [String: [String]] {
        let key = file + "\u{0}" + host
        lock.lock()
        if let known = cache[key] { lock.unlock(); return known }
        lock.unlock()
        let configured = try resolved(host, file: file), baseline = try resolved(host, file: "/dev/null")
        let set = configured.filter { baseline[$0.key] != $0.value }
        lock.lock()
        cache[key] = set
        lock.unlock()
        return set
    }

    private static func resolved(_ host: String, file: String) throws -> [String: [String]] {
        // `--` so that a host name can never be read as an option.
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run("/usr/bin/ssh", ["-G", "-F", file, "--", host], timeout: 10)
        } catch {
            throw InputError(
                SourceLocation(whole: file), "cannot ask OpenSSH (ssh -G) about \(host): \(error.localizedDescription)")
        }
        guard outcome.status == 0 else {
            throw InputError(
                SourceLocation(whole: file),
                "OpenSSH refuses this ssh_config for \(host): \(outcome.errorText(limit: 1000))")
        }
        let data = outcome.output
        var settings: [String: [String]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            settings[parts[0].lowercased(), default: []].append(parts[1])
        }
        return settings
    }
}
