import Testing
import TrunklineCore

@Suite("Bounded parallelism")
struct BoundedParallelismTests {
    actor Gauge {
        var current = 0
        var highest = 0
        func enter() { current += 1; highest = max(highest, current) }
        func leave() { current -= 1 }
    }

    @Test("never more than the limit in flight, results in input order", arguments: [1, 3, 50])
    func limit(forks: Int) async {
        let gauge = Gauge()
        let results = await BoundedParallelism.map(Array(0..<40), limit: forks) { value -> Int in
            await gauge.enter()
            await Task.yield()
            await gauge.leave()
            return value * 2
        }
        #expect(results == (0..<40).map { $0 * 2 })
        #expect(await gauge.highest <= forks)
    }
}
