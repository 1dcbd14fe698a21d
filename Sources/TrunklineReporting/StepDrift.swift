/// A step that no longer matches on a host: which step, and what it would change.
public struct StepDrift: Sendable, Codable, Equatable {
    /// The play the step belongs to.
    public var play: String
    /// The step's position in its play, from 1.
    public var index: Int
    /// The step kind (`sysctl`, `ovs`, …).
    public var kind: String
    /// The step's name.
    public var name: String
    /// What it would change.
    public var changes: [DriftChange]

    /// Creates a step drift.
    public init(play: String, index: Int, kind: String, name: String, changes: [DriftChange]) {
        self.play = play
        self.index = index
        self.kind = kind
        self.name = name
        self.changes = changes
    }

    /// A pending reboot, reported as a drift of its own: the running kernel's command line is
    /// not the next boot's, or a blacklisted module is loaded.
    public static func rebootPending(play: String, reason: String) -> StepDrift {
        StepDrift(
            play: play, index: 0, kind: "boot", name: "reboot pending",
            changes: [DriftChange(summary: reason, diff: "")])
    }

    /// True for the drift `rebootPending` makes.
    public var isRebootPending: Bool { index == 0 && kind == "boot" && name == "reboot pending" }

    /// What identifies the step from run to run: its play, kind and name (not its position,
    /// which moves when steps are added above it).
    public var key: String { "\(play) / \(kind): \(name)" }
}
