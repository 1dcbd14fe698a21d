import TrunklineEngine

/// What became of one step on one host.
public struct StepOutcome: Sendable {
    /// `ok` (nothing to do), `changed` (changes made, or pending in check mode), `failed`,
    /// or `skipped` (an earlier step failed).
    public enum Status: String, Sendable, Codable {
        case ok, changed, failed, skipped
    }

    /// The planned step.
    public var step: PlannedStep
    /// What became of it.
    public var status: Status
    /// The failing step's output, if it failed.
    public var output: String?
    /// How long its changes ran on the host, in seconds (to the hundredth, as the host's apply
    /// log times them); nil for a step that made no change there.
    public var seconds: Double?
}
