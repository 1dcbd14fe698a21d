import TrunklineEngine

/// Why a host's run failed after the host answered: the reboot did not bring it back, the apply
/// script could not be started or read. (Facts that cannot be read are `FactsScript.Unreadable`.)
public struct HostRunFailure: Error, CustomStringConvertible, Sendable {
    public let description: String

    /// Creates a failure with its reason.
    public init(description: String) {
        self.description = description
    }
}
