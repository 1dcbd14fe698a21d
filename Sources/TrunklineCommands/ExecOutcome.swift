import TrunklineCore
import TrunklineTransport

/// What one host made of an ad-hoc command.
struct ExecOutcome: Sendable {
    /// The command's output, if it ran.
    var output: CommandOutput?
    /// Why it could not run, if it did not.
    var failure: String?
    /// How long connecting and running took.
    var elapsed: Duration

    var succeeded: Bool { output?.succeeded ?? false }

    /// Connects to `target` and runs `command`.
    static func run(_ command: RemoteCommand, on target: HostTarget, settings: ConnectionSettings) async -> ExecOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let host = try await SSHTransport.connect(target, settings: settings)
            let output: CommandOutput
            do {
                output = try await host.run(command)
            } catch {
                await host.close()
                throw error
            }
            await host.close()
            return ExecOutcome(output: output, failure: nil, elapsed: clock.now - start)
        } catch let failure as ConnectionFailure {
            return ExecOutcome(output: nil, failure: "\(failure.kind.rawValue): \(failure.message)", elapsed: clock.now - start)
        } catch {
            return ExecOutcome(output: nil, failure: "\(error)", elapsed: clock.now - start)
        }
    }

    /// Output lines prefixed by host (`|` for stdout, `!` for stderr), then the status line.
    func report(for target: HostTarget) -> String {
        let time = DurationText.short(elapsed)
        guard let output else { return "\(target.name) | FAILED | \(failure ?? "unknown error") (\(time))" }
        var lines = Self.prefixed(output.stdoutText, with: "\(target.name) | ")
        lines += Self.prefixed(output.stderrText, with: "\(target.name) ! ")
        lines.append("\(target.name) | \(output.succeeded ? "OK" : "FAILED") | \(output.endDescription) (\(time))")
        return lines.joined(separator: "\n")
    }

    private static func prefixed(_ text: String, with prefix: String) -> [String] {
        guard !text.isEmpty else { return [] }
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }
    }
}
