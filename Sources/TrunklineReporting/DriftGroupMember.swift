/// One host in a drift group, with since when the step drifts there.
public struct DriftGroupMember: Sendable, Equatable {
    /// The host.
    public var host: String
    /// The first run of the unbroken series that saw the drift on this host.
    public var since: RunReference
}
