import Foundation
import TrunklineCore
import TrunklineEngine

extension HostRun {
    /// Reboots the host as `request` says and returns a connection to it once it is back: the
    /// reboot is started detached (so `remote`'s session ends cleanly), then the host is polled
    /// with backoff until it answers with another boot id than `bootID`, and `test_command`
    /// must succeed there. Fails with `did not come back within N s after reboot` (with the last
    /// refusal, if any) when the host does not answer in time, and at once for a refused host
    /// key. A refused login is retried: a host going down can accept a connection and then fail
    /// it while its processes end.
    func reboot(
        _ request: RebootRequest, from bootID: String?, replacing remote: any RemoteHost
    ) async throws -> any RemoteHost {
        let started = try await remote.run(RemoteCommand(request.command, timeout: .seconds(request.timeout)))
        await remote.close()
        guard started.succeeded else {
            throw HostRunFailure(description: "cannot start the reboot: \(started.stderrText.trimmed)")
        }
        try await Task.sleep(for: .seconds(request.preDelay + 1))
        let deadline = ContinuousClock.now + .seconds(request.timeout)
        var backoff: Duration = .seconds(1)
        var lastRefusal: String?
        while ContinuousClock.now < deadline {
            if let back = try await answer(differingFrom: bootID, lastRefusal: &lastRefusal) {
                try await test(request, on: back)
                try await Task.sleep(for: .seconds(request.postDelay))
                return back
            }
            try await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
        throw HostRunFailure(
            description: "did not come back within \(request.timeout) s after reboot"
                + (lastRefusal.map { " (last answer: \($0))" } ?? ""))
    }

    /// A connection to the host if it answers with a boot id other than `bootID` (it has
    /// rebooted); nil while it is down or still on the old boot.
    private func answer(differingFrom bootID: String?, lastRefusal: inout String?) async throws -> (any RemoteHost)? {
        let candidate: any RemoteHost
        do {
            candidate = try await connect()
        } catch let failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
            return nil
        } catch let failure as ConnectionFailure where failure.kind == .authentication {
            lastRefusal = failure.message
            return nil
        }
        let now = try? await candidate.run(
            RemoteCommand(["cat", "/proc/sys/kernel/random/boot_id"], timeout: .seconds(60))
        ).stdoutText.trimmed
        if let now, !now.isEmpty, now != bootID { return candidate }
        await candidate.close()
        return nil
    }

    private func test(_ request: RebootRequest, on remote: any RemoteHost) async throws {
        let result = try await remote.run(RemoteCommand(["sh", "-c", request.testCommand], timeout: .seconds(60)))
        guard result.succeeded else {
            await remote.close()
            throw HostRunFailure(
                description: "the host came back after reboot, but test_command failed (\(result.endDescription)): "
                    + result.stderrText.trimmed)
        }
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
