import TrunklineCore

/// The Open vSwitch database (`OVSState`, read by `OVSDatabaseJSON`): the `@@ovs` section.
/// A database that does not answer is no empty one (planning against it would recreate every
/// bridge), so the section then says why, and reading it fails.
public enum OVSFact: Fact {
    public static let section = "ovs"

    /// The tables, or, if `ovsdb-client` fails, its message and the diagnosis after `@@ovs-unavailable`.
    public static let script =
        ShellWord.command(OVSDatabaseJSON.listCommand) + " 2>&1 || { echo '@@ovs-unavailable'; \(diagnosis); }"

    /// Why the OVSDB did not answer, in the terms an operator acts on: not installed, or which
    /// daemon is not running (by its pid file, as ovs-ctl keeps them).
    static let diagnosis = #"""
        if ! command -v ovsdb-client > /dev/null; then echo 'Open vSwitch is not installed (no ovsdb-client)'; else
          for d in ovsdb-server ovs-vswitchd; do
            p=; { read -r p; } 2>/dev/null < "/var/run/openvswitch/$d.pid"
            if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo "$d is running"; else echo "$d is not running"; fi
          done
        fi
        """#

    /// The database in the section, or `FactsScript.Unreadable` saying why it did not answer.
    public static func parse(_ section: [String]) throws -> OVSState {
        guard let marker = section.firstIndex(of: "@@ovs-unavailable") else {
            return try OVSDatabaseJSON.parse(section.joined(separator: "\n"))
        }
        let failure = section[..<marker], diagnosis = section[(marker + 1)...].filter { !$0.isEmpty }
        throw FactsScript.Unreadable(
            description: "Open vSwitch does not answer: \(diagnosis.joined(separator: "; "))"
                + (failure.isEmpty ? "" : " (\(failure.joined(separator: " ")))"))
    }
}

extension HostFacts {
    /// The Open vSwitch database, if it was read.
    public var ovs: OVSState? {
        get { self[OVSFact.self] }
        set { self[OVSFact.self] = newValue }
    }
}
