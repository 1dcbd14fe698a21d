import Foundation
import TrunklineEngine

/// Lets a rollout be stopped from outside (Ctrl-C): once stopped, no further host starts;
/// hosts already started finish.
public final class RolloutControl: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    /// A control that has not been stopped.
    public init() {}

    /// Asks the rollout to start no more hosts.
    public func stop(because reason: String) {
        lock.withLock { if self.reason == nil { self.reason = reason } }
    }

    /// Why it was stopped, or nil.
    public var stopReason: String? { lock.withLock { reason } }
}
