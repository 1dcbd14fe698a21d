import TrunklineCore

/// The proof that a host is still reachable after a network change: a new connection to its
/// address confirms the change (it creates `confirmed` in the run directory), which the host's
/// waiting apply script then keeps. Tried until the host has decided: it rolls back on its own
/// when no confirmation arrives in time, and is then reachable again at its old address.
struct NetworkConfirmation {
    /// The run whose script waits.
    let runID: String
    /// How to connect anew, to the host's management address.
    let connect: @Sendable () async throws -> any RemoteHost
    /// Seconds the host waits for the confirmation.
    let timeout: Int
    /// The address the confirmation goes to, for the error when it never gets through.
    let address: String

    /// Confirms through a new connection; returns the host's final log and that connection.
    func confirm() async throws -> (ApplyLog, any RemoteHost) {
        let argv = ["sh", "-c", Self.confirmer, "sh", ApplyScript.runDirectory(runID)]
        let deadline = ContinuousClock.now + .seconds(timeout + 120)
        while ContinuousClock.now < deadline {
            do {
                let remote = try await connect()
                do {
                    // Bounded by the confirmation's own deadline; a dead connection ends sooner.
                    let command = RemoteCommand(argv, timeout: ContinuousClock.now.duration(to: deadline))
                    let log = ApplyLog(try await remote.run(command).stdoutText)
                    if log.decided { return (log, remote) }
                    await remote.close()
                } catch {
                    await remote.close()
                    throw error
                }
            } catch let failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
                try await Task.sleep(for: .seconds(1))
            }
        }
        throw ConnectionFailure(
            kind: .unreachable, host: address,
            message: "\(address) did not answer after the network change, "
                + "nor after the \(timeout) s in which the host rolls it back")
    }

    /// Confirms unless the host is already rolling back, waits up to 15 s for its decision and
    /// prints the log.
    private static let confirmer = """
        \(ApplyLog.holds(.rollingBack, in: "\"$1\"")) || : > "$1/confirmed"
        i=0
        while ! \(ApplyLog.holds(.confirmed, in: "\"$1\"")) && ! \(ApplyLog.holds(.rolledBack, in: "\"$1\"")); do i=$((i + 1)); [ $i -gt 150 ] && break; sleep 0.1; done
        cat "$1/log"
        """
}
