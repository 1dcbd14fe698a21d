import TrunklineCore

/// One thing a change does to a host. The engine knows how to apply each effect to the facts
/// model (planning) and how to compile it into the apply script (applying).
public enum Effect: Sendable, Equatable {
    /// Replace a file atomically (a backup of the old one is kept).
    case writeFile(path: String, contents: [UInt8], attributes: FileAttributes)
    /// Remove a file (a backup is kept).
    case removeFile(path: String)
    /// Set a sysctl live (`sysctl -w`).
    case setSysctl(key: String, value: String)
    /// Set the running host name (`hostname NAME`).
    case setHostname(String)
    /// Run a command.
    case run([String])
    /// One `ovs-vsctl` transaction (`commands` joined with `--`), after which the database
    /// is `result`.
    case ovs(commands: [[String]], result: OVSState)
    /// After the effects before it, this guard command answers `status` (`systemctl is-active`
    /// after `systemctl start`). It changes only the facts model; it runs nothing.
    case recordCheck(command: [String], status: Int32)
    /// After the effects before it, these packages are installed (or not). It changes only the
    /// facts model; it runs nothing.
    case recordPackages(names: [String], installed: Bool)
    /// After the effects before it, the unit is enabled or active as given (nil: as it was). It
    /// changes only the facts model; it runs nothing.
    case recordUnit(name: String, enabled: Bool?, active: Bool?)
    /// `ip` commands that move live addresses and routes, after which they are `result`.
    case liveNetwork(commands: [[String]], result: LiveNetwork)
    /// Reboot the host and wait for it (`RebootRequest`). The controller does it between two
    /// apply scripts, never a script itself: the host goes down under it.
    case reboot(RebootRequest)

    /// The facts after this effect.
    public func apply(to facts: inout HostFacts) {
        switch self {
        case .writeFile(let path, let contents, let attributes):
            facts.files[path] = .present(
                contents: contents, mode: attributes.mode,
                owner: attributes.owner ?? "root", group: attributes.group ?? "root")
        case .removeFile(let path):
            facts.files[path] = .absent
        case .setSysctl(let key, let value):
            facts.sysctl[key] = value
        case .setHostname(let name):
            facts.hostname = name
        case .run:
            break
        case .recordCheck(let command, let status):
            facts.checks[command] = status
        case .recordPackages(let names, let installed):
            if installed { facts.installedPackages.formUnion(names) } else { facts.installedPackages.subtract(names) }
        case .recordUnit(let name, let enabled, let active):
            var state = facts.units[name] ?? .unknown
            state.enabled = enabled ?? state.enabled
            state.active = active ?? state.active
            facts.units[name] = state
        case .ovs(_, let result):
            facts.ovs = result
        case .liveNetwork(_, let result):
            facts.live = result
        case .reboot:
            break
        }
    }

    /// True if the effect can change how the host is reached: the OVSDB, live addresses and
    /// routes, an interface file, or a command that activates network configuration. A plan
    /// with such an effect is applied commit-confirmed.
    public var changesNetwork: Bool {
        switch self {
        case .ovs, .liveNetwork: return true
        case .writeFile(let path, _, _), .removeFile(let path): return Self.isNetworkConfiguration(path)
        case .run(let argv): return Self.activatesNetwork(argv)
        case .setSysctl, .setHostname, .recordCheck, .recordPackages, .recordUnit, .reboot: return false
        }
    }

    /// Files that configure the host's network at boot or on activation.
    static func isNetworkConfiguration(_ path: String) -> Bool {
        path == "/etc/network/interfaces" || path.hasPrefix("/etc/network/interfaces.d/")
            || path.hasPrefix("/etc/netplan/")
            || path.hasPrefix("/etc/sysconfig/network-scripts/") || path == "/etc/sysconfig/network"
    }

    /// Commands that regenerate state from files as a whole (a configuration system's
    /// activation, the boot loader's configuration), so that after a rollback restored the old
    /// files, running them again brings the old state back.
    public static func regeneratesFromFiles(_ argv: [String]) -> Bool {
        argv == ["netplan", "apply"] || argv == ["systemctl", "restart", "network"] || argv == ["update-grub"]
            || (["grub2-mkconfig", "grub-mkconfig"].contains(argv.first ?? "") && argv.dropFirst().first == "-o")
    }

    /// Commands that bring network configuration live (or take it down).
    static func activatesNetwork(_ argv: [String]) -> Bool {
        guard let program = argv.first?.split(separator: "/").last.map(String.init) else { return false }
        if ["netplan", "ifup", "ifdown", "ip", "virsh", "ovs-vsctl", "nmcli"].contains(program) { return true }
        return ["systemctl", "service"].contains(program)
            && argv.contains { ["network", "network.service", "networking", "NetworkManager"].contains($0) }
    }

    /// The commands the effect runs, as argv arrays, in order: the one rendering of effects to
    /// commands, which both the shown plan and the apply script use. A file write, a guard and a
    /// reboot run none of their own (the apply script writes files through its backup-keeping
    /// helper; the controller reboots between scripts).
    public var argvs: [[String]] {
        switch self {
        case .removeFile(let path): return [["rm", "-f", "--", path]]
        case .setSysctl(let key, let value): return [["sysctl", "-w", "\(key)=\(value)"]]
        case .setHostname(let name): return [["hostname", name]]
        case .run(let argv): return [argv]
        case .ovs(let commands, _): return [Self.ovsTransaction(commands)]
        case .liveNetwork(let commands, _): return commands
        case .writeFile, .recordCheck, .recordPackages, .recordUnit, .reboot: return []
        }
    }

    /// The effect as a command line an operator can read (file contents are not shown).
    public var command: String {
        switch self {
        case .writeFile(let path, let contents, let attributes):
            return "write \(ShellWord.quote(path)) (\(contents.count) bytes, mode \(String(attributes.mode, radix: 8))"
                + (attributes.owner.map { ", owner \($0)" } ?? "") + (attributes.group.map { ", group \($0)" } ?? "")
                + ")"
        case .recordCheck(let command, let status):
            return "(then \(ShellWord.command(command)) answers \(status))"
        case .recordPackages(let names, let installed):
            return
                "(then \(names.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") \(installed ? "installed" : "not installed"))"
        case .recordUnit(let name, let enabled, let active):
            let states = [enabled.map { $0 ? "enabled" : "disabled" }, active.map { $0 ? "active" : "inactive" }]
            return "(then \(name) is \(states.compactMap { $0 }.joined(separator: " and ")))"
        case .reboot(let request):
            return
                "reboot (systemctl reboot, or shutdown -r now), then wait up to \(request.timeout) s for a new boot id and run \(ShellWord.quote(request.testCommand))"
        case .removeFile, .setSysctl, .setHostname, .run, .ovs, .liveNetwork:
            return argvs.map(ShellWord.command).joined(separator: "; ")
        }
    }

    /// The argv of one ovs-vsctl transaction.
    static func ovsTransaction(_ commands: [[String]]) -> [String] {
        ["ovs-vsctl", "--timeout=30"] + commands.flatMap { ["--"] + $0 }
    }
}
