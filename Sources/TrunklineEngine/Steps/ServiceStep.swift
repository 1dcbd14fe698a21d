import TrunklineCore

/// `service`: a systemd unit enabled or disabled at boot and started or stopped now
/// (`systemctl enable|disable|start|stop`), judged by `systemctl is-enabled` and
/// `systemctl is-active` while facts are gathered.
public struct ServiceStep: StepKind {
    public static let name = "service"
    public static let parameters = ["name", "enabled", "state"]

    let unit: String
    let enabled: Bool?
    let started: Bool?

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        unit = try arguments.checked(try arguments.requiredString("name"), "name", .unitName, at: "name")
        enabled = try arguments.bool("enabled")
        started = try arguments.choice("state", among: ["started", "stopped"]).map { $0 == "started" }
        if enabled == nil && started == nil {
            throw InputError(arguments.location, "a service step needs 'enabled' or 'state'")
        }
    }

    private var enabledCheck: [String] { ["systemctl", "is-enabled", "--quiet", "--", unit] }
    private var activeCheck: [String] { ["systemctl", "is-active", "--quiet", "--", unit] }

    public var needs: FactNeeds { FactNeeds(checks: [enabledCheck, activeCheck]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        var changes: [Change] = []
        if let enabled, (facts.checks[enabledCheck] == 0) != enabled {
            changes.append(
                Change(
                    summary: "\(enabled ? "enable" : "disable") \(unit) at boot",
                    effects: [
                        .run(["systemctl", enabled ? "enable" : "disable", "--", unit]),
                        .recordCheck(command: enabledCheck, status: enabled ? 0 : 1),
                    ]))
        }
        if let started, (facts.checks[activeCheck] == 0) != started {
            changes.append(
                Change(
                    summary: "\(started ? "start" : "stop") \(unit)",
                    effects: [
                        .run(["systemctl", started ? "start" : "stop", "--", unit]),
                        .recordCheck(command: activeCheck, status: started ? 0 : 3),
                    ]))
        }
        return changes
    }
}
