import TrunklineTestSupport

@testable import TrunklineRun

/// Mutations of a YAML file's text, as a fuzzer makes them: values replaced by hostile ones,
/// lines deleted, repeated, swapped or re-indented, keys misspelt, the file cut short, stray
/// bytes, and structures built to exhaust a loader (alias bombs, deep nesting, huge ranges).
enum YAMLMutator {
    /// Values that have broken parsers, shells, templates or loaders somewhere.
    static let hostileValues: [String] = [
        "$(touch /tmp/trunkline-fuzz)", "`reboot`", "a;reboot", "\"unterminated", "'", "{", "[", "]]", "- -", ": :",
        "*undefined_alias",
        "!!binary AAAA", "!!python/object:os.system", ".inf", "-.inf", ".nan", "~", "0o777", "0x1F", "0644", "1e309",
        "99999999999999999999999", "-1", "-9223372036854775808", "\"\\u0000\"", "\"é\"", "５２:54:00:12:34:56",
        "h[0:9223372036854775807]",
        "h[0:100000000]", "hv[01:50:2]", "\"{{ undefined_variable }}\"", "\"{{ 1 + }}\"", "\"{% for x in y %}\"",
        "\"{{ network.bridgee }}\"",
        "\"{{ été }}\"", String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        String(repeating: "{a: ", count: 300) + "1" + String(repeating: "}", count: 300),
        "\"" + String(repeating: "x", count: 100_000) + "\"",
        "\"@\"", "\"@/dev/null\"", "yes", "null", "[]", "{}", "\"\\t\"", "\"a\\nb\"", "\"-r\"", "\"--help\"",
        "\"br<x>&y\"", "4095", "4096", "0",
        "256.256.256.256/33", "\"10.0.0.1/24\"", "[1, 2, 3]", "{x: 1}", "true", "\"${IFS}\"", "\"{{ 10 / 0 }}\"",
        "&anchor x", "<<: *b",
    ]

    /// `text` with `count` mutations.
    static func mutate(_ text: String, count: Int, random: inout SeededRandom) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<count { apply(random.below(11), to: &lines, random: &random) }
        return lines.joined(separator: "\n")
    }

    private static func apply(_ operation: Int, to lines: inout [String], random: inout SeededRandom) {
        guard !lines.isEmpty else { lines = [hostileValues[random.below(hostileValues.count)]]; return }
        let index = random.below(lines.count)
        switch operation {
        case 0, 1, 2: replaceValue(at: index, in: &lines, random: &random)
        case 3: lines.remove(at: index)
        case 4: lines.insert(lines[index], at: index)
        case 5: lines.swapAt(index, random.below(lines.count))
        case 6: lines[index] = String(repeating: " ", count: random.below(9)) + lines[index].drop { $0 == " " }
        case 7: misspellKey(at: index, in: &lines, random: &random)
        case 8: lines = Array(lines.prefix(index)) + [String(lines[index].prefix(random.below(lines[index].count + 1)))]
        case 9:
            lines[index].insert(
                ["\t", "\u{0}", "\u{FEFF}", "\"", "'", ":", "#", "&", "*", "|", ">", "%"][random.below(12)],
                at: lines[index].index(lines[index].startIndex, offsetBy: random.below(lines[index].count + 1)))
        default: lines = aliasBomb(width: 2 + random.below(8), depth: 3 + random.below(10)) + lines
        }
    }

    /// `key: value` with the value replaced, quoted or not.
    private static func replaceValue(at index: Int, in lines: inout [String], random: inout SeededRandom) {
        let line = lines[index]
        let value = hostileValues[random.below(hostileValues.count)]
        if let colon = line.range(of: ": ") {
            lines[index] = String(line[..<colon.upperBound]) + value
        } else if let dash = line.range(of: "- ") {
            lines[index] = String(line[..<dash.upperBound]) + value
        } else {
            lines[index] = line + " " + value
        }
    }

    /// A key with one letter doubled, dropped or changed.
    private static func misspellKey(at index: Int, in lines: inout [String], random: inout SeededRandom) {
        let line = lines[index]
        guard let colon = line.firstIndex(of: ":") else { return }
        var key = Array(line[..<colon])
        guard let position = key.indices.filter({ key[$0].isLetter }).randomElement(using: &random) else { return }
        switch random.below(3) {
        case 0: key.insert(key[position], at: position)
        case 1: key.remove(at: position)
        default: key[position] = "xqzj".randomElement(using: &random)!
        }
        lines[index] = String(key) + line[colon...]
    }

    /// `width`^`depth` nodes from `depth` anchors of `width` aliases each.
    static func aliasBomb(width: Int, depth: Int) -> [String] {
        ["lol0: &lol0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]"]
            + (1..<depth).map {
                "lol\($0): &lol\($0) [" + Array(repeating: "*lol\($0 - 1)", count: width).joined(separator: ", ") + "]"
            }
    }
}
