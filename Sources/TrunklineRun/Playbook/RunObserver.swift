/// What a playbook run tells its presenter as it goes; the presenter prints, the run records.
public protocol RunObserver: Sendable {
    /// A play starts.
    func play(_ name: String)
    /// A rollout event of the current play (a batch starts, a host starts or finishes).
    func event(_ event: RolloutEvent)
    /// The lines of a finished host for its log in the run directory, uncoloured.
    func logLines(_ outcome: HostOutcome) -> [String]
}
