import TrunklineEngine

/// What a rollout reports as it goes, for a progress display and logs.
public enum RolloutEvent: Sendable {
    /// A batch starts: its number from 1, how many batches there are, and its hosts.
    case batchStarted(number: Int, of: Int, hosts: [String])
    /// A host starts.
    case hostStarted(String)
    /// A host is done.
    case hostFinished(HostOutcome)
}
