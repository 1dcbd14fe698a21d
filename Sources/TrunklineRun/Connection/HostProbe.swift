import TrunklineCore
import TrunklineTransport

/// The result of pinging one host.
public struct HostProbe: Sendable {
    /// `ok`, or the failure category (`unreachable`, `auth failed`, `host key refused`, `timeout`).
    public var status: String
    /// Why it failed, if it did.
    public var detail: String?
    /// How long connecting, logging in and running `true` took.
    public var elapsed: Duration

    public var succeeded: Bool { status == "ok" }

    /// Connects to `target`, logs in, runs `true`.
    public static func ping(_ target: HostTarget, settings: ConnectionSettings) async -> HostProbe {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let output = try await withConnection({ try await SSHTransport.connect(target, settings: settings) }) {
                host in
                try await host.run(RemoteCommand(["true"], timeout: settings.connectTimeout))
            }
            let status = output.succeeded ? "ok" : "failed"
            return HostProbe(
                status: status, detail: output.succeeded ? nil : "true: \(output.endDescription)",
                elapsed: clock.now - start)
        } catch let failure as ConnectionFailure {
            return HostProbe(status: failure.kind.rawValue, detail: failure.message, elapsed: clock.now - start)
        } catch {
            return HostProbe(status: "failed", detail: "\(error)", elapsed: clock.now - start)
        }
    }
}
