import Testing

@testable import TrunklineRun

@Suite("The apply log's step timings")
struct ApplyLogTests {
    @Test("a step's seconds are its end's uptime less its start's; a time that is not finite gives none")
    func seconds() {
        #expect(ApplyLog("start 1 100.25\nok 1 101.50\n").seconds(1) == 1.25)
        #expect(ApplyLog("start 1 100.25\nfailed 1 3 100.75\n").seconds(1) == 0.5)
        #expect(ApplyLog("start 1 100.25\nok 1 inf\n").seconds(1) == nil)
        #expect(ApplyLog("start 1 1e999\nok 1 1e999\n").seconds(1) == nil)
        #expect(ApplyLog("start 1 nan\nok 1 4\n").seconds(1) == nil)
        #expect(ApplyLog("start 1 5\nok 1 4\n").seconds(1) == nil)
        #expect(ApplyLog("start 1 5\n").seconds(1) == nil)
    }
}
