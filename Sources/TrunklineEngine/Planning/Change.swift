/// One change a step would make: what it is, how it differs, and what it does.
public struct Change: Sendable, Equatable {
    /// One line for the operator ("set biosdevname=0 in GRUB_CMDLINE_LINUX").
    public private(set) var summary: String
    /// A unified diff for files, before/after lines for values; empty when there is nothing to show.
    public private(set) var diff: String
    /// What applying the change does, in order.
    public var effects: [Effect]

    /// Creates a change; values of settings named like secrets are masked in the summary and
    /// the diff (`SecretText`).
    public init(summary: String, diff: String = "", effects: [Effect]) {
        self.summary = SecretText.redactInline(summary)
        self.diff = SecretText.redactLines(diff)
        self.effects = effects
    }

    /// The exact commands, as an operator reads them.
    public var commands: [String] { effects.map(\.command) }
}
