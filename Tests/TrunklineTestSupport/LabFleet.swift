import Foundation
import TrunklineCore
import TrunklineTransport

/// The lab fleet started by `scripts/lab up` (scripts/test starts it before the suite).
public struct LabFleet {
    public struct Host {
        public var name: String
        public var index: Int
        public var os: String
        public var address: String
        /// `lab0`, `nic`, `bastion` or `behind-bastion` (reachable only through the bastion).
        public var topology: String
    }

    public struct NotUp: Error, CustomStringConvertible {
        public var description: String {
            "the lab fleet is not up: run `scripts/lab up 6 --os mixed` (scripts/test does)"
        }

        public init() {}
    }

    /// Whether the lab suites run: a fleet is up, or `TRUNKLINE_LAB_REQUIRED=1` (scripts/test
    /// sets it) says one must be, so that a fleet that failed to come up fails the suites
    /// instead of skipping them.
    public static var isAvailable: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["TRUNKLINE_LAB_REQUIRED"] == "1" { return true }
        return FileManager.default.fileExists(
            atPath: (environment["TRUNKLINE_LAB_DIR"] ?? "/var/lib/trunkline-lab") + "/run/hosts")
    }

    public let run: String
    public let hosts: [Host]

    public init() throws {
        let directory = ProcessInfo.processInfo.environment["TRUNKLINE_LAB_DIR"] ?? "/var/lib/trunkline-lab"
        run = directory + "/run"
        guard let listing = try? String(contentsOfFile: run + "/hosts", encoding: .utf8) else { throw NotUp() }
        hosts = listing.split(separator: "\n").map { line in
            let fields = line.split(separator: " ").map(String.init)
            return Host(
                name: fields[0], index: Int(fields[1])!, os: fields[2], address: fields[3], topology: fields[4])
        }
    }

    /// Strict host-key checking against the lab's known_hosts, the lab's client key.
    public var settings: ConnectionSettings {
        ConnectionSettings(
            user: "root", identityFiles: [run + "/id_ed25519"], knownHostsFiles: [run + "/known_hosts"],
            connectTimeout: .seconds(30))
    }

    /// The fleet's bastion (`scripts/lab up … --bastion M`), if it has one.
    public var bastion: Host? { hosts.first { $0.topology == "bastion" } }

    /// The hosts reachable only through the bastion.
    public var behindBastion: [Host] { hosts.filter { $0.topology == "behind-bastion" } }

    public func target(_ host: Host) -> HostTarget {
        HostTarget(name: host.name, address: host.address)
    }

    /// Runs `argv` as root inside lab host `host` (`scripts/lab exec`), without ssh.
    @discardableResult
    public func execute(on host: Host, _ argv: [String]) throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try LocalCommand.run([repository.appendingPathComponent("scripts/lab").path, "exec", host.name] + argv)
    }

    /// Where host `name`'s changes to `path` land on this machine.
    public func upperPath(_ name: String, _ path: String) -> String {
        "\(run)/\(name)/upper\(path)"
    }
}
