import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("Unified diffs")
struct TextDiffTests {
    @Test("a change in the middle shows three lines of context, like diff -u")
    func middle() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            TextDiff.unified(old: old, new: new, path: "/etc/x") == """
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

    static let large = (1...8000).map { "setting.\($0) = value \($0)" }.joined(separator: "\n") + "\n"

    /// The peak resident memory in MiB that `body` adds to the process (getrusage).
    static func peakGrowth(_ body: () -> Void) -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let before = usage.ru_maxrss
        body()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (usage.ru_maxrss - before) / 1024
    }

    @Test("hunks far into a large file are numbered from the lines before them")
    func distantHunks() {
        let new = Self.large.replacingOccurrences(of: "setting.100 = value 100\n", with: "setting.100 = changed\n")
            .replacingOccurrences(of: "setting.7000 = value 7000\n", with: "")
        let diff = TextDiff.unified(old: Self.large, new: new, path: "/etc/x")
        let headers = diff.split(separator: "\n").filter { $0.hasPrefix("@@") }
        #expect(headers == ["@@ -97,7 +97,7 @@", "@@ -6997,7 +6997,6 @@"])
        #expect(diff.contains("-setting.100 = value 100\n+setting.100 = changed\n"))
    }

    // Before, the table of a longest common subsequence took N x M integers: 540 MB here.
    @Test("an 8000-line file with 2 changes, or rewritten whole, diffs in a few MiB")
    func largeFileMemory() {
        let changed = Self.large.replacingOccurrences(of: "value 10\n", with: "value ten\n").replacingOccurrences(
            of: "value 5000\n", with: "value five thousand\n")
        let rewritten = Self.large.replacingOccurrences(of: "value", with: "other")
        var diffs: [String] = []
        let growth = Self.peakGrowth {
            diffs = [
                TextDiff.unified(old: Self.large, new: changed, path: "/etc/x"),
                TextDiff.unified(old: Self.large, new: rewritten, path: "/etc/x"),
            ]
        }
        #expect(growth <= 20)
        #expect(diffs[0].split(separator: "\n").filter { $0.hasPrefix("+") || $0.hasPrefix("-") }.count == 6)
        #expect(diffs[1].split(separator: "\n").filter { $0.hasPrefix("+") }.count == 8001)
    }

    @Test("removed lines come before added ones, and a common line is kept where one is")
    func ordering() {
        #expect(
            TextDiff.unified(old: "a\nb\nc\n", new: "x\nb\ny\n", path: "/n")
                == "--- a/n\n+++ b/n\n@@ -1,3 +1,3 @@\n-a\n+x\n b\n-c\n+y\n")
        #expect(
            TextDiff.unified(old: "a\nb\n", new: "b\na\n", path: "/n").split(separator: "\n").filter {
                $0.hasPrefix(" ")
            }.count == 1)
    }
}
