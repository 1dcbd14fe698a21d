import Foundation
import Testing
import TrunklineCore

@Suite("Shell quoting")
struct ShellWordTests {
    @Test(
        "safe words stay as they are",
        arguments: ["eth0", "net.ipv6.conf.vlan31.disable_ipv6=1", "/etc/default/grub", "a@b:c,d+e%f"])
    func safeWords(word: String) {
        #expect(ShellWord.quote(word) == word)
    }

    @Test(
        "everything else is single-quoted",
        arguments: [
            ("", "''"),
            ("two words", "'two words'"),
            ("$(touch /tmp/pwned)", "'$(touch /tmp/pwned)'"),
            ("; reboot", "'; reboot'"),
            ("it's", #"'it'\''s'"#),
            ("a\nb", "'a\nb'"),
            ("`id`", "'`id`'"),
            ("*", "'*'"),
            ("'\u{301}", "''\\''\u{301}'"),
        ])
    func quoted(value: String, expected: String) {
        #expect(ShellWord.quote(value) == expected)
    }

    /// The real test: a POSIX shell must hand every value back byte for byte as one argument.
    @Test("sh reads every quoted value back unchanged")
    func roundTripThroughShell() throws {
        let values = [
            "$(touch /tmp/trunkline-pwned)", "; reboot", "it's \"quoted\"", "tab\there", "new\nline", "`id`", "\\", "'",
            "''", "é ü ✓", "--", "-n", "*", "~root", "a b  c",
            // A quote and a combining mark are one Swift character, but the shell reads the quote's byte.
            "'\u{301}; touch /tmp/trunkline-pwned; '\u{301}", "\r\n'\r\n",
        ]
        let command = ShellWord.command(["printf", "%s\\0"] + values)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let words = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(words == values)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/trunkline-pwned"))
    }
}
