import TrunklineCore

/// The category of a host's failure, which `HostOutcome.reason` puts before it.
public enum HostFailureKind: Sendable, Equatable, CustomStringConvertible {
    /// The connection failed (unreachable, timeout, host key, login), or an operation on it.
    case connection(ConnectionFailure.Kind)
    /// The host answered, but could not be planned or applied.
    case error
    /// After a commit-confirmed apply, the host restored its rollback point.
    case rolledBack

    /// The category as reasons and reports name it (`auth failed`, `error`, `rolled back`).
    public var description: String {
        switch self {
        case .connection(let kind): kind.rawValue
        case .error: "error"
        case .rolledBack: "rolled back"
        }
    }
}
