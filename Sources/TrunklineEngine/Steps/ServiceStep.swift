import TrunklineCore

/// `service`: a systemd unit enabled or disabled at boot and started or stopped now
/// (`systemctl enable|disable|start|stop`), judged by what `systemctl is-enabled` and
/// `systemctl is-active` would answer, read for all the play's units in one query while facts
/// are gathered (`UnitQuery`).
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

    public var needs: FactNeeds { FactNeeds(units: [unit]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        let state = facts.units[unit] ?? .unknown
        var changes: [Change] = []
        if let enabled, state.enabled != enabled {
            changes.append(
                change(
                    enabled ? "enable" : "disable", summary: "\(enabled ? "enable" : "disable") \(unit) at boot",
                    record: .recordUnit(name: unit, enabled: enabled, active: nil)))
        }
        if let started, state.active != started {
            changes.append(
                change(
                    started ? "start" : "stop", summary: "\(started ? "start" : "stop") \(unit)",
                    record: .recordUnit(name: unit, enabled: nil, active: started)))
        }
        return changes
    }

    private func change(_ verb: String, summary: String, record: Effect) -> Change {
        Change(summary: summary, effects: [.run(["systemctl", verb, "--", unit]), record])
    }
}
