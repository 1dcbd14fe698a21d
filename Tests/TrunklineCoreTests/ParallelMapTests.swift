import Testing
import TrunklineCore

@Suite("Mapping on every core")
struct ParallelMapTests {
    struct Refused: Error, Equatable {
        let item: Int
    }

    @Test("results keep the items' order")
    func order() throws {
        #expect(try ParallelMap.map(Array(0..<10_000)) { $0 * 2 } == (0..<10_000).map { $0 * 2 })
    }

    @Test("of several failing items, the first one's error is thrown")
    func firstError() {
        #expect(throws: Refused(item: 30)) {
            try ParallelMap.map(Array(0..<1_000)) { item in
                if item >= 30, item % 10 == 0 { throw Refused(item: item) }
                return item
            }
        }
    }
}
