import TrunklineCore
import TrunklineTransport

/// What one host made of an ad-hoc command.
public struct ExecOutcome: Sendable {
    /// The command's output, if it ran.
    public var output: CommandOutput?
    /// Why it could not run, if it did not.
    public var failure: String?
    /// How long connecting and running took.
    public var elapsed: Duration

    public var succeeded: Bool { output?.succeeded ?? false }

    /// Connects to `target` and runs `command`.
    public static func run(
        _ command: RemoteCommand, on target: HostTarget, settings: ConnectionSettings
    ) async -> ExecOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let output = try await withConnection({ try await SSHTransport.connect(target, settings: settings) }) {
                host in
                try await host.run(command)
            }
            return ExecOutcome(output: output, failure: nil, elapsed: clock.now - start)
        } catch let failure as ConnectionFailure {
            return ExecOutcome(
                output: nil, failure: "\(failure.kind.rawValue): \(failure.message)", elapsed: clock.now - start)
        } catch {
            return ExecOutcome(output: nil, failure: "\(error)", elapsed: clock.now - start)
        }
    }
}
