import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklinePlaybook
@testable import TrunklineRun

@Suite("Rolling out in batches")
struct RolloutTests {
    static func hosts(_ count: Int) -> [HostRun] {
        (1...count).map { index in
            HostRun(host: "hv\(index)", steps: []) {
                throw ConnectionFailure(kind: .unreachable, host: "hv\(index)", message: "never connects")
            }
        }
    }

    static func outcome(_ host: String, failed: Bool) -> HostOutcome {
        HostOutcome(host: host, steps: [], failure: failed ? "boom" : nil)
    }

    @Test("serial: counts, percentages of all hosts (at least 1), the last entry repeating")
    func batches() throws {
        let hosts = Array(1...20)
        #expect(try SerialSpec(parsing: "1").batches(hosts).map(\.count) == Array(repeating: 1, count: 20))
        #expect(try SerialSpec(parsing: "1,5,25%,100%").batches(hosts).map(\.count) == [1, 5, 5, 9])
        #expect(try SerialSpec(parsing: "10%").batches(Array(1...5)).map(\.count) == [1, 1, 1, 1, 1])
        #expect(try SerialSpec(parsing: "1, 50%").batches(hosts).map(\.count) == [1, 10, 9])
        #expect(try SerialSpec(entries: ["2", "30%"]).description == "2,30%")
        for bad in ["0", "x", "150%", "", "1,,2", "-1"] {
            #expect(throws: SerialSpecError.self) { try SerialSpec(parsing: bad) }
        }
    }

    @Test("a canary that fails stops the rollout before the next batch; a high enough budget goes on")
    func failureBudget() async throws {
        let hosts = Self.hosts(5)
        let strict = Rollout(serial: try SerialSpec(parsing: "1,50%"), maxFailPercentage: 0, forks: 10)
        let stopped = await strict.run(hosts, control: RolloutControl(), events: { _ in }) {
            Self.outcome($0.host, failed: $0.host == "hv1")
        }
        #expect(stopped.outcomes.map(\.host) == ["hv1"])
        #expect(stopped.notReached == ["hv2", "hv3", "hv4", "hv5"])
        #expect(
            stopped.stopReason?.contains("batch 1 of 3: 1 of 1 hosts failed (100%), more than the failure budget of 0%")
                == true)
        let lenient = Rollout(serial: try SerialSpec(parsing: "1,50%"), maxFailPercentage: 100, forks: 10)
        let all = await lenient.run(hosts, control: RolloutControl(), events: { _ in }) {
            Self.outcome($0.host, failed: $0.host == "hv1")
        }
        #expect(all.outcomes.count == 5 && all.notReached.isEmpty && all.stopReason == nil)
        let half = Rollout(serial: try SerialSpec(parsing: "2"), maxFailPercentage: 50, forks: 10)
        let within = await half.run(hosts, control: RolloutControl(), events: { _ in }) {
            Self.outcome($0.host, failed: $0.host == "hv1")
        }
        #expect(within.outcomes.count == 5, "1 of 2 is 50%, not more than 50%")
    }

    @Test("batches report their start; hosts run at most forks at a time")
    func events() async throws {
        let log = EventLog()
        let rollout = Rollout(serial: try SerialSpec(parsing: "2,100%"), maxFailPercentage: 0, forks: 1)
        let result = await rollout.run(Self.hosts(4), control: RolloutControl(), events: { await log.add($0) }) {
            Self.outcome($0.host, failed: false)
        }
        #expect(result.outcomes.map(\.host) == ["hv1", "hv2", "hv3", "hv4"])
        let lines = await log.lines
        #expect(lines.filter { $0.hasPrefix("batch") } == ["batch 1/2 hv1,hv2", "batch 2/2 hv3,hv4"])
        #expect(lines.prefix(5) == ["batch 1/2 hv1,hv2", "start hv1", "done hv1", "start hv2", "done hv2"])
    }

    @Test("once stopped (Ctrl-C), no host starts; hosts under way finish and are reported")
    func interrupted() async throws {
        let control = RolloutControl()
        let rollout = Rollout(serial: nil, maxFailPercentage: 0, forks: 2)
        let result = await rollout.run(Self.hosts(6), control: control, events: { _ in }) { host in
            if host.host == "hv2" { control.stop(because: "interrupted (Ctrl-C)") }
            while control.stopReason == nil { try? await Task.sleep(for: .milliseconds(1)) }  // hv1 is still under way then
            return Self.outcome(host.host, failed: false)
        }
        #expect(result.outcomes.map(\.host) == ["hv1", "hv2"])
        #expect(result.notReached == ["hv3", "hv4", "hv5", "hv6"])
        #expect(result.stopReason == "interrupted (Ctrl-C)")
    }

    @Test("only connections that fail for want of the network are retried, with the attempts named")
    func retries() async throws {
        let attempts = Counter()
        let retry = ConnectionRetry(retries: 2, firstDelay: .milliseconds(1))
        let error = await #expect(throws: ConnectionFailure.self) {
            _ = try await retry.connect {
                await attempts.increment()
                throw ConnectionFailure(kind: .timeout, host: "hv1", message: "timed out")
            }
        }
        #expect(await attempts.value == 3)
        #expect(error?.message == "timed out (after 3 attempts)")
        let refused = Counter()
        await #expect(throws: ConnectionFailure.self) {
            _ = try await retry.connect {
                await refused.increment()
                throw ConnectionFailure(kind: .authentication, host: "hv1", message: "auth failed")
            }
        }
        #expect(await refused.value == 1)
    }
}

/// Events of a rollout as lines.
actor EventLog {
    var lines: [String] = []

    func add(_ event: RolloutEvent) {
        switch event {
        case .batchStarted(let number, let count, let hosts):
            lines.append("batch \(number)/\(count) \(hosts.joined(separator: ","))")
        case .hostStarted(let host): lines.append("start \(host)")
        case .hostFinished(let outcome): lines.append("done \(outcome.host)")
        }
    }
}

/// A count shared by concurrent closures.
actor Counter {
    var value = 0

    func increment() { value += 1 }
}
