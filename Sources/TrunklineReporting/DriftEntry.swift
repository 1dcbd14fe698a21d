/// A drifted step in a report, with its history: since which run it drifts, and whether this
/// run is the first to see it.
public struct DriftEntry: Sendable, Codable, Equatable {
    /// The step and what it would change.
    public var step: StepDrift
    /// The first run of the unbroken series of runs that saw this drift.
    public var since: RunReference
    /// True when this run is that first run.
    public var isNew: Bool

    /// Creates an entry.
    public init(step: StepDrift, since: RunReference, isNew: Bool) {
        self.step = step
        self.since = since
        self.isNew = isNew
    }

    enum CodingKeys: String, CodingKey {
        case step, since
        case isNew = "new"
    }
}
