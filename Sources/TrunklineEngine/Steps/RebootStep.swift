import TrunklineCore

/// `reboot`: reboots the host and waits until it answers with a new boot id, then runs
/// `test_command` (Ansible's `ansible.builtin.reboot`). Usually a handler, notified by the
/// steps whose change takes effect only at boot (GRUB arguments, module blacklists, modules
/// loaded at boot). The play then goes on with the next step, planned against facts gathered
/// afresh. Check mode says it would reboot and never does.
public struct RebootStep: StepKind {
    public static let name = "reboot"
    public static let parameters = ["msg", "pre_reboot_delay", "reboot_timeout", "post_reboot_delay", "test_command"]

    let request: RebootRequest

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        request = RebootRequest(
            message: try arguments.singleLine(
                try arguments.string("msg") ?? "Reboot initiated by Trunkline", "msg", at: "msg"),
            preDelay: try Self.seconds(arguments, "pre_reboot_delay", default: 0, within: 0...3600),
            timeout: try Self.seconds(arguments, "reboot_timeout", default: 600, within: 10...7200),
            postDelay: try Self.seconds(arguments, "post_reboot_delay", default: 0, within: 0...3600),
            testCommand: try arguments.string("test_command") ?? "true")
    }

    private static func seconds(
        _ arguments: StepArguments, _ key: String, default fallback: Int, within range: ClosedRange<Int>
    ) throws -> Int {
        guard let value = try arguments.value(key), value != .null else { return fallback }
        guard case .int(let seconds) = value, range.contains(seconds) else {
            throw InputError(
                arguments.place(key),
                "reboot.\(key) must be a number of seconds from \(range.lowerBound) to \(range.upperBound)")
        }
        return seconds
    }

    public var needs: FactNeeds { FactNeeds(facts: [BootState.self]) }

    public var alwaysChanges: Bool { true }

    public func plan(_ facts: HostFacts) -> [Change] {
        [
            Change(
                summary: "reboot, and wait up to \(request.timeout) s for the host to answer with a new boot id",
                effects: [.reboot(request)])
        ]
    }
}
