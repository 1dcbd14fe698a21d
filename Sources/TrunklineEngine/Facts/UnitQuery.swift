/// The state of the systemd units the steps name: one `systemctl show` for all of them, in the
/// facts exec, instead of an `is-enabled` and an `is-active` per unit.
enum UnitQuery {
    /// The section the answer stands in.
    static let section = "units"

    /// The shell function that prints the section for the units in `"$@"`: systemd prints one
    /// block of `KEY=VALUE` lines per unit, in the order asked, each ending with an empty line,
    /// also for a unit it does not know.
    static let function =
        #"tl_units() { printf '@@units\n'; [ $# -eq 0 ] && return 0; "#
        + #"systemctl show --property=UnitFileState,ActiveState -- "$@" 2> /dev/null; return 0; }"#

    /// The `UnitFileState` values `systemctl is-enabled` exits 0 for.
    static let enabledStates: Set<Substring> = [
        "enabled", "enabled-runtime", "static", "alias", "indirect", "generated", "transient",
    ]
    /// The `ActiveState` values `systemctl is-active` exits 0 for.
    static let activeStates: Set<Substring> = ["active", "reloading", "refreshing"]

    /// Each of `units` with its state, from the section's lines. Without one block per unit
    /// (no systemd, or systemctl failed), every unit is `UnitState.unknown`: the step then plans
    /// to change it, and applying says what is wrong.
    static func states(_ lines: [String], of units: [String]) -> [String: UnitState] {
        let blocks = lines.split(separator: "", omittingEmptySubsequences: true)
        guard blocks.count == units.count else {
            return Dictionary(uniqueKeysWithValues: units.map { ($0, UnitState.unknown) })
        }
        var states: [String: UnitState] = [:]
        for (unit, block) in zip(units, blocks) {
            var values: [Substring: Substring] = [:]
            for line in block {
                guard let equals = line.firstIndex(of: "=") else { continue }
                values[line[..<equals]] = line[line.index(after: equals)...]
            }
            states[unit] = UnitState(
                enabled: values["UnitFileState"].map(enabledStates.contains) ?? false,
                active: values["ActiveState"].map(activeStates.contains) ?? false)
        }
        return states
    }
}
