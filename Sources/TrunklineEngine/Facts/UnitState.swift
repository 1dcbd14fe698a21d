/// What systemd says of a unit: enabled at boot (what `systemctl is-enabled` answers 0 for), and
/// active now (what `systemctl is-active` answers 0 for).
public struct UnitState: Sendable, Equatable {
    /// Starts at boot: enabled, static, an alias, indirect, generated or transient.
    public var enabled: Bool
    /// Active now (or reloading).
    public var active: Bool

    /// The given state.
    public init(enabled: Bool, active: Bool) {
        self.enabled = enabled
        self.active = active
    }

    /// What a unit systemd does not know, or a host without systemd, counts as.
    public static let unknown = UnitState(enabled: false, active: false)
}
