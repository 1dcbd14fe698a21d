import Testing
import TrunklineCore

@Suite("Bounded parallelism")
struct BoundedParallelismTests {
    /// Counts the items in flight; each item waits until the limit is reached (or 10 s have
    /// passed), so a run that starts fewer at once than the limit shows, as does one that
    /// starts more.
    actor Gauge {
        var current = 0
        var highest = 0
        func enter() { current += 1; highest = max(highest, current) }
        func leave() { current -= 1 }
    }

    @Test("exactly the limit in flight while items remain, results in input order", arguments: [1, 3, 7, 40])
    func limit(forks: Int) async throws {
        let gauge = Gauge()
        let results = await BoundedParallelism.map(Array(0..<40), limit: forks) { value -> Int in
            await gauge.enter()
            let clock = ContinuousClock(), start = clock.now
            while await gauge.highest < forks, clock.now - start < .seconds(10) {
                try? await Task.sleep(for: .milliseconds(1))
            }
            await gauge.leave()
            return value * 2
        }
        #expect(results == (0..<40).map { $0 * 2 })
        #expect(await gauge.highest == forks)
    }
}
