import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklineRun

@Suite("A failed host's reason, led by its failure kind")
struct HostOutcomeTests {
    func outcome(connecting connect: @escaping @Sendable () async throws -> any RemoteHost) async throws -> HostOutcome
    {
        let step = try StepHarness.step(FileStep.self, ["path": .string("/etc/a.conf"), "content": .string("x\n")])
        return await HostRun(
            host: "hv01", steps: [StepInstance(index: 1, name: "a", kind: step, location: StepHarness.location)],
            connect: connect
        ).check()
    }

    @Test("a refused login is an unreachable host whose reason starts with the connection failure's kind")
    func connectionFailure() async throws {
        let outcome = try await outcome {
            throw ConnectionFailure(kind: .authentication, host: "hv01", message: "no key accepted")
        }
        #expect(outcome.failureKind == .connection(.authentication) && outcome.unreachable && !outcome.rolledBack)
        #expect(outcome.reason == "auth failed: no key accepted")
    }

    @Test("a host that answered but cannot be used is an error")
    func otherFailure() async throws {
        let outcome = try await outcome { ScriptedHost(facts: "", log: "") }
        #expect(outcome.failureKind == .error && !outcome.unreachable)
        #expect(outcome.reason?.hasPrefix("error: ") == true, "\(outcome.reason ?? "")")
    }

    @Test("a rolled-back host says so, and a failure without a kind reads as an error")
    func kinds() {
        var outcome = HostOutcome(host: "hv01", steps: [], failure: "not reachable")
        #expect(outcome.reason == "error: not reachable")
        outcome.failureKind = .rolledBack
        #expect(outcome.rolledBack && outcome.reason == "rolled back: not reachable")
    }
}
