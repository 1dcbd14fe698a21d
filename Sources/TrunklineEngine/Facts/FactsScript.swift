import Foundation
import TrunklineCore

/// The one remote exec that gathers a host's facts, and the parser of its output. The script
/// only reads; every value in it is quoted by `ShellWord`.
public enum FactsScript {
    /// The script for `needs`, with the order of its files, keys and checks.
    public static func command(for needs: FactNeeds) -> (command: RemoteCommand, request: Request) {
        let request = Request(files: needs.files.sorted(), sysctlKeys: needs.sysctlKeys.sorted(),
                              checks: needs.checks.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") },
                              listings: needs.listings.sorted())
        var lines = [
            "printf '@@os\\n'; cat /etc/os-release 2>/dev/null",
            "printf '@@hostname\\n'; hostname",
            "printf '@@interfaces\\n'; ls /sys/class/net 2>/dev/null",
            "printf '@@ipv6\\n'; if [ -d /proc/sys/net/ipv6 ]; then echo yes; else echo no; fi",
            "printf '@@netsys\\n'; if [ -d /etc/sysconfig/network-scripts ]; then echo network-scripts; "
                + "elif ls /etc/netplan/*.yaml > /dev/null 2>&1; then echo netplan; else echo ifupdown; fi",
            #"tl_file() { printf '@@file %s\n' "$1"; if [ -f "$2" ]; then stat -c '%a %U %G' -- "$2" && base64 -w0 -- "$2"; echo; else echo absent; fi; }"#,
            #"tl_sysctl() { printf '@@sysctl %s\n' "$1"; sysctl -n "$2" 2>/dev/null || echo '@@absent'; }"#,
            // A listing: the pattern arrives quoted and expands only inside, against the
            // directory (never against the working directory). Each match is one
            // `@@listed N` line with its path, then its stat and bytes as tl_file gives them.
            #"tl_list() { for f in "$2"/$3; do [ -f "$f" ] || continue; printf '@@listed %s\n%s\n' "$1" "$f"; tl_file x "$f" | tail -n +2; done; }"#,
            #"tl_check() { printf '@@check %s\n' "$1"; shift; "$@" > /dev/null 2>&1 < /dev/null; echo $?; }"#,
        ]
        lines += request.files.enumerated().map { ShellWord.command(["tl_file", String($0.offset), $0.element]) }
        lines += request.sysctlKeys.enumerated().map { ShellWord.command(["tl_sysctl", String($0.offset), $0.element]) }
        lines += request.checks.enumerated().map { ShellWord.command(["tl_check", String($0.offset)] + $0.element) }
        lines += request.listings.enumerated().map { index, pattern in
            let directory = (pattern as NSString).deletingLastPathComponent, name = (pattern as NSString).lastPathComponent
            return ShellWord.command(["tl_list", String(index), directory, name])
        }
        if needs.liveNetwork {
            lines.append("printf '@@addresses\\n'; " + ShellWord.command(LiveNetwork.addressCommand) + " 2>/dev/null")
            lines.append("printf '@@routes\\n'; " + ShellWord.command(LiveNetwork.routeCommand) + " 2>/dev/null")
            lines.append("printf '@@links\\n'; " + ShellWord.command(LiveNetwork.linkCommand) + " 2>/dev/null")
        }
        if needs.boot { lines.append(BootState.script) }
        if needs.ovs {
            lines.append("printf '@@ovs\\n'; " + ShellWord.command(OVSDatabaseJSON.listCommand) + " 2>&1 || { echo '@@ovs-unavailable'; \(Self.ovsDiagnosis); }")
        }
        return (RemoteCommand(["sh", "-c", lines.joined(separator: "\n")], timeout: .seconds(120)), request)
    }

    /// Why the OVSDB did not answer, in the terms an operator acts on: not installed, or which
    /// daemon is not running (by its pid file, as ovs-ctl keeps them).
    static let ovsDiagnosis = #"""
        if ! command -v ovs-vsctl > /dev/null; then echo 'Open vSwitch is not installed (no ovs-vsctl)'; else
          for d in ovsdb-server ovs-vswitchd; do
            p=$(cat "/var/run/openvswitch/$d.pid" 2>/dev/null)
            if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo "$d is running"; else echo "$d is not running"; fi
          done
        fi
        """#

    /// What a facts script asked for, in the order its output answers.
    public struct Request: Sendable, Equatable {
        let files: [String]
        let sysctlKeys: [String]
        let checks: [[String]]
        let listings: [String]
    }

    /// A facts script's output that cannot be read.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String

        /// The error, saying what is wrong with the output.
        public init(description: String) {
            self.description = description
        }
    }

    /// The facts in `output`.
    public static func parse(_ output: String, request: Request) throws -> HostFacts {
        var sections: [String: [String]] = [:]
        var listed: [(listing: Int, lines: [String])] = []
        var current: String?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("@@listed "), let index = Int(line.dropFirst("@@listed ".count)) {
                current = nil
                listed.append((index, []))
            } else if line.hasPrefix("@@"), line != "@@absent" {
                current = String(line.dropFirst(2))
                sections[current!] = []
            } else if let current {
                sections[current]!.append(line)
            } else if !listed.isEmpty {
                listed[listed.count - 1].lines.append(line)
            }
        }
        let release = osRelease(sections["os"] ?? [])
        let id = release["ID"] ?? "unknown"
        let family = ([id] + (release["ID_LIKE"] ?? "").split(separator: " ").map(String.init))
        var facts = HostFacts(
            osFamily: family.contains { ["rhel", "fedora", "centos"].contains($0) } ? "rhel" : family.contains { ["debian", "ubuntu"].contains($0) } ? "debian" : id,
            osID: id, osVersion: release["VERSION_ID"] ?? "",
            networkSystem: sections["netsys"]?.first ?? "ifupdown",
            hostname: sections["hostname"]?.first ?? "",
            interfaces: (sections["interfaces"] ?? []).filter { !$0.isEmpty }.sorted())
        facts.kernelIPv6 = sections["ipv6"]?.first != "no"
        for (index, path) in request.files.enumerated() {
            facts.files[path] = try file(sections["file \(index)"], path: path)
        }
        for (index, key) in request.sysctlKeys.enumerated() {
            guard let lines = sections["sysctl \(index)"] else { throw Unreadable(description: "no answer for sysctl \(key)") }
            if lines.first != "@@absent" { facts.sysctl[key] = lines.filter { !$0.isEmpty }.joined(separator: "\n") }
        }
        for (index, check) in request.checks.enumerated() {
            guard let status = sections["check \(index)"]?.first.flatMap({ Int32($0) }) else {
                throw Unreadable(description: "no answer for the check \(ShellWord.command(check))")
            }
            facts.checks[check] = status
        }
        for pattern in request.listings { facts.listings[pattern] = [] }
        for (index, lines) in listed where request.listings.indices.contains(index) {
            guard let path = lines.first else { continue }
            facts.listings[request.listings[index], default: []].append(path)
            facts.files[path] = try file(Array(lines.dropFirst()), path: path)
        }
        if let addresses = sections["addresses"] {
            facts.live = LiveNetwork.parse(addresses: addresses, routes: sections["routes"] ?? [], links: sections["links"] ?? [])
        }
        if let boot = sections["boot"] { facts.boot = BootState.parse(boot: boot, modules: sections["modules"] ?? []) }
        if let failure = sections["ovs"], let diagnosis = sections["ovs-unavailable"] {
            // A dead OVSDB is no empty one: planning against it would recreate every bridge.
            throw Unreadable(description: "Open vSwitch does not answer: \(diagnosis.joined(separator: "; "))"
                + (failure.isEmpty ? "" : " (\(failure.joined(separator: " ")))"))
        }
        if let lines = sections["ovs"] {
            facts.ovs = try OVSDatabaseJSON.parse(lines.joined(separator: "\n"))
        }
        return facts
    }

    private static func file(_ lines: [String]?, path: String) throws -> FileState {
        guard let lines, let header = lines.first else { throw Unreadable(description: "no answer for the file \(path)") }
        if header == "absent" { return .absent }
        let fields = header.split(separator: " ")
        guard fields.count == 3, let mode = Int32(fields[0], radix: 8),
              let data = Data(base64Encoded: lines.count > 1 ? lines[1] : "") else {
            throw Unreadable(description: "cannot read the facts of \(path): \(header)")
        }
        return .present(contents: [UInt8](data), mode: mode, owner: String(fields[1]), group: String(fields[2]))
    }

    private static func osRelease(_ lines: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for line in lines {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[String(line[..<equals])] = value
        }
        return values
    }
}
