import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("Changes")
struct ChangeTests {
    /// Counts the diffs a change makes.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }

    @Test("a change's diff is made when it is read, not when the change is planned")
    func diffWhenRead() {
        let counter = Counter()
        let change = Change(summary: "update /etc/x", effects: []) {
            counter.increment()
            return "+password = hunter2\n"
        }
        #expect(counter.value == 0)
        #expect(change.diff == "+password = \(SecretText.mask)\n")
        #expect(counter.value == 1)
    }

    @Test("a file step's diff is the unified diff of the file")
    func fileDiff() throws {
        let step = try StepHarness.step(FileStep.self, ["path": .string("/etc/a.conf"), "content": .string("x=2\n")])
        let changes = step.plan(StepHarness.facts(files: ["/etc/a.conf": "x=1\n"]))
        #expect(changes.map(\.diff) == ["--- a/etc/a.conf\n+++ b/etc/a.conf\n@@ -1,1 +1,1 @@\n-x=1\n+x=2\n"])
    }
}
