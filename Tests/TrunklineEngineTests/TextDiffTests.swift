import TrunklineTestSupport
import Testing
@testable import TrunklineEngine

@Suite("Unified diffs")
struct TextDiffTests {
    @Test("a change in the middle shows three lines of context, like diff -u")
    func middle() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(TextDiff.unified(old: old, new: new, path: "/etc/x") == """
            --- a/etc/x
            +++ b/etc/x
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test("new and removed files diff against /dev/null; equal texts give nothing")
    func edges() {
        #expect(TextDiff.unified(old: nil, new: "a\n", path: "/n") == "--- /dev/null\n+++ b/n\n@@ -0,0 +1,1 @@\n+a\n")
        #expect(TextDiff.unified(old: "a\n", new: nil, path: "/n") == "--- a/n\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n")
        #expect(TextDiff.unified(old: "same\n", new: "same\n", path: "/n").isEmpty)
    }
}
