import Testing

@testable import TrunklineInput

@Suite("Suggestions")
struct SuggestionTests {
    @Test("a likely typo is suggested; a name far off is not")
    func typos() {
        #expect(Suggestion.closest(to: "childern", in: ["hosts", "vars", "children"]) == "children")
        #expect(Suggestion.closest(to: "HV01", in: ["hv01", "hv02"]) == "hv01")
        #expect(Suggestion.closest(to: "storage", in: ["hosts", "vars", "children"]) == nil)
    }

    @Test("a swap of neighbours is one edit (optimal string alignment), so a short name's transposition is suggested")
    func transpositions() {
        #expect(Suggestion.distance("fiel", "file") == 1)
        #expect(Suggestion.distance("lnies", "lines") == 1)
        #expect(Suggestion.distance("ca", "abc") == 3)
        #expect(Suggestion.distance("kitten", "sitting") == 3)
        #expect(Suggestion.closest(to: "fiel", in: ["file", "lines", "ovs"]) == "file")
        #expect(Suggestion.closest(to: "chekc", in: ["check", "apply"]) == "check")
    }

    // Before, a 2 MB --limit was compared, letter by letter, with every group and host name.
    @Test("a 2 MB name against 100,000 candidates is answered at once: no candidate of another length is compared")
    func longName() {
        let candidates = (1...100_000).map { "hv\($0)" }
        #expect(Suggestion.closest(to: String(repeating: "x", count: 2 << 20), in: candidates) == nil)
        #expect(
            Suggestion.closest(to: String(repeating: "h", count: 200), in: [String(repeating: "h", count: 199)])
                == String(repeating: "h", count: 199))
    }
}
