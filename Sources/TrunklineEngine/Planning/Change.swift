/// One change a step would make: what it is, how it differs, and what it does.
public struct Change: Sendable, Equatable {
    /// One line for the operator ("set biosdevname=0 in GRUB_CMDLINE_LINUX").
    public private(set) var summary: String
    /// A unified diff for files, before/after lines for values; empty when there is nothing to
    /// show. It is made each time it is read, so a plan that is neither shown nor stored (the
    /// steps after a reboot, planned again once the host is back) costs no diff.
    public var diff: String { SecretText.redactLines(makeDiff()) }
    /// What applying the change does, in order.
    public var effects: [Effect]
    private let makeDiff: @Sendable () -> String

    /// Creates a change; values of settings named like secrets are masked in the summary and
    /// the diff (`SecretText`).
    public init(summary: String, diff: String = "", effects: [Effect]) {
        self.init(summary: summary, effects: effects) { diff }
    }

    /// Creates a change whose diff `makeDiff` makes when it is read (a file's diff, which a
    /// large file makes costly); secrets are masked as by `init(summary:diff:effects:)`.
    public init(summary: String, effects: [Effect], makeDiff: @escaping @Sendable () -> String) {
        self.summary = SecretText.redactInline(summary)
        self.effects = effects
        self.makeDiff = makeDiff
    }

    /// The exact commands, as an operator reads them.
    public var commands: [String] { effects.map(\.command) }

    /// Equal summaries, effects and diffs.
    public static func == (lhs: Change, rhs: Change) -> Bool {
        lhs.summary == rhs.summary && lhs.effects == rhs.effects && lhs.diff == rhs.diff
    }
}
