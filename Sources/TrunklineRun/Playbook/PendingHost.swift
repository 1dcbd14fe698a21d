import TrunklineCore
import TrunklineEngine
import TrunklineTransport

/// A host with its steps built, not yet connected.
public struct PendingHost: Sendable {
    /// The host's inventory name.
    public let name: String
    /// Its variables for the play.
    public let variables: [String: Value]
    /// Its steps, in order.
    public let steps: [StepInstance]
    /// Its handlers, in written order.
    public let handlers: [StepInstance]

    /// A host with its built steps and handlers.
    public init(name: String, variables: [String: Value], steps: [StepInstance], handlers: [StepInstance]) {
        self.name = name
        self.variables = variables
        self.steps = steps
        self.handlers = handlers
    }

    /// The run, connecting with the inventory's variables over `defaults`, retrying as `retry`
    /// says; a network change waits `confirmTimeout` seconds for its confirmation, and the apply
    /// `lockWait` seconds for another run's lock.
    public func with(
        defaults: ConnectionSettings, retry: ConnectionRetry, confirmTimeout: Int = 60, lockWait: Int = 60
    ) -> HostRun {
        let (target, settings) = InventoryConnection.resolve(name, variables: variables, defaults: defaults)
        var run = HostRun(host: name, steps: steps, handlers: handlers) {
            try await retry.connect { try await SSHTransport.connect(target, settings: settings) }
        }
        run.managementAddress = target.address
        run.confirmTimeout = confirmTimeout
        run.lockWait = lockWait
        return run
    }
}
