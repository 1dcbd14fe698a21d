import TrunklineCore
import TrunklineEngine

/// A play: which hosts, which variables, which steps, in order.
public struct Play: Sendable {
    /// The play's name.
    public var name: String
    /// The host pattern of `hosts:`.
    public var hosts: HostPattern
    /// The play's variables (over the inventory's, under `-e`), available to templates.
    public var variables: [String: Value]
    /// Where each of the play's variables is written.
    public var origins: [String: ValueOrigin] = [:]
    /// The steps, in written order: those of the roles first, then the play's own.
    public var steps: [StepDefinition]
    /// The handlers, in written order (the roles', then the play's).
    public var handlers: [StepDefinition]
    /// The roles' defaults, under every other variable.
    public var defaults: [String: Value]
    /// The play's `serial:` batches, if it has them (`--serial` overrides).
    public var serial: SerialSpec?
    /// The play's `max_fail_percentage:`, if it has one (`--max-fail-percentage` overrides).
    public var maxFailPercentage: Double?
    /// The play's `confirm_timeout:` in seconds, if it has one (`--confirm-timeout` overrides).
    public var confirmTimeout: Int? = nil
    /// The play's `tags:`, which each of its steps has too.
    public var tags: [String] = []
}
