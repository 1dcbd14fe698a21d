import Foundation
import TrunklineCore

/// The one remote exec that gathers a host's facts, and the parser of its output: each typed
/// fact (`Fact`) in a section `@@NAME` of its own, then the keyed reads (files, sysctl values,
/// checks, listings) in sections numbered in the order of the request, and the packages and
/// units asked for, each kind in one query (`PackageQuery`, `UnitQuery`). The script only reads;
/// every value in it is quoted by `ShellWord`. It starts as few processes as it can: built-ins
/// where the shell can read a thing itself, one process for all the sysctl values and one batch
/// for all the files (`FileBatch`), so the count does not grow with what a play reads.
public enum FactsScript {
    /// The facts read on every host, whatever the steps need: the ones `when:` conditions and
    /// `trunkline facts` show.
    public static let identity: [any Fact.Type] = [
        OSRelease.self, HostnameFact.self, InterfacesFact.self, NetworkSystem.self,
    ]

    /// The script for `needs`, with the order of its facts, files, keys and checks.
    public static func command(for needs: FactNeeds) -> (command: RemoteCommand, request: Request) {
        let request = Request(needs)
        let lines =
            request.facts.map { "printf '@@\($0.type.section)\\n'; " + $0.type.script } + Self.functions
            + keyedReads(request)
        return (RemoteCommand(["sh", "-c", lines.joined(separator: "\n")], timeout: .seconds(120)), request)
    }

    /// The shell functions that answer the keyed reads, each in a section `@@KIND N`.
    static let functions = [
        // A file: absent, or `batched` (it succeeds, and the caller adds the file to the batch
        // that tl_contents reads), or, for a symbolic link (its own mode, its target's bytes),
        // read alone by tl_each.
        #"tl_file() { printf '@@file %s\n' "$1"; [ -f "$2" ] || { echo absent; return 1; }; tl_batched "$2"; }"#,
        #"tl_listed() { printf '@@listed %s\n%s\n' "$1" "$2"; tl_batched "$2"; }"#,
        #"tl_batched() { [ -L "$1" ] || { echo batched; return 0; }; tl_each "$1"; return 1; }"#,
        #"tl_each() { stat -c '%a %U %G' -- "$1" || echo; base64 -w0 -- "$1"; echo; }"#,
        // The batched files (`FileBatch`): one stat, then one od for all their bytes on one line
        // (one ` xx` a byte, the line as wide as the sizes add up to), checked against the sizes;
        // each file alone if one changed in between, or if it is a /proc file (size 0, yet bytes).
        #"tl_contents() { [ $# -eq 0 ] && return 0; if s=$(stat -c '%a %U %G %s' -- "$@") && tl_total $s "#
            + #"&& c=$(od -An -v -tx1 -w$((t > 0 ? t : 1)) -- "$@") "#
            + #"&& [ ${#c} -eq $((t * 3)) ]; then printf '@@contents\n%s\n%s\n' "$c" "$s"; "#
            + #"else printf '@@contents-each\n'; for f; do tl_each "$f"; done; fi; }"#,
        #"tl_total() { t=0; while [ $# -ge 4 ]; do t=$((t + $4)); shift 4; done; }"#,
        // A sysctl value (`$3` the key's file, `SysctlFile`): absent without the file, `sysctl -n`
        // for a key without a plain file; a plain file succeeds unanswered, for tl_sysctls.
        #"tl_sysctl() { [ -n "$3" ] && [ -f "$3" ] && return 0; printf '@@sysctl %s\n' "$1"; "#
            + #"if [ -n "$3" ] && [ ! -e "$3" ]; then echo '@@absent'; else sysctl -n "$2" 2>/dev/null || echo '@@absent'; fi; return 1; }"#,
        // The plain files' values (`N KEY FILE` triples), in one awk as `sysctl -n` prints them
        // (the shell's `read` takes a byte at a time, which an integer /proc/sys file does not
        // answer); `sysctl -n` itself for a file that is unreadable or empty (the key unquoted:
        // `SysctlFile` gives a file only to keys of characters that need no quoting).
        #"tl_sysctls() { [ $# -eq 0 ] || awk 'BEGIN { for (i = 1; i < ARGC; i += 3) { printf "@@sysctl %s\n", ARGV[i]; f = ARGV[i + 2]; "#
            + #"if ((getline line < f) > 0) { do print line; while ((getline line < f) > 0) } "#
            + #"else { fflush(); system("sysctl -n " ARGV[i + 1] " 2>/dev/null || echo @@absent") } close(f) } }' "$@"; }"#,
        PackageQuery.function,
        UnitQuery.function,
        #"tl_check() { printf '@@check %s\n' "$1"; shift; "$@" > /dev/null 2>&1 < /dev/null; echo $?; }"#,
    ]

    /// The kinds of keyed sections (`@@file 0`), each numbered by its place in the request.
    static let keyedSections: Set<Substring> = ["file", "sysctl", "check"]

    /// The checks, then the sysctl values and the files, each kind gathered in the positional
    /// parameters for one read of them all.
    private static func keyedReads(_ request: Request) -> [String] {
        var lines = request.checks.enumerated().map { ShellWord.command(["tl_check", String($0.offset)] + $0.element) }
        if !request.packages.isEmpty { lines.append(ShellWord.command(["tl_packages"] + request.packages)) }
        if !request.units.isEmpty { lines.append(ShellWord.command(["tl_units"] + request.units)) }
        lines +=
            ["set --"]
            + request.sysctlKeys.enumerated().map { index, key in
                let arguments = [String(index), key, SysctlFile.path(of: key) ?? ""].map(ShellWord.quote).joined(
                    separator: " ")
                return "tl_sysctl \(arguments) && set -- \"$@\" \(arguments)"
            } + [#"tl_sysctls "$@""#, "set --"]
        lines += request.files.enumerated().map { index, path in
            let quoted = ShellWord.quote(path)
            return "tl_file \(index) \(quoted) && set -- \"$@\" \(quoted)"
        }
        lines += request.listings.enumerated().map(listing)
        return lines + [#"tl_contents "$@""#]
    }

    /// A listing's loop: the pattern arrives quoted and expands only in the loop, against the
    /// directory (never against the working directory). Each match is one `@@listed N` line
    /// with its path, then its file as tl_file answers it.
    private static func listing(_ index: Int, _ pattern: String) -> String {
        let directory = ShellWord.quote((pattern as NSString).deletingLastPathComponent),
            name = ShellWord.quote((pattern as NSString).lastPathComponent)
        return
            #"tl_d=\#(directory) tl_p=\#(name); for f in "$tl_d"/$tl_p; do [ -f "$f" ] && tl_listed \#(index) "$f" && set -- "$@" "$f"; done"#
    }

    /// What a facts script asked for, in the order its output answers.
    public struct Request: Sendable, Equatable {
        let facts: [FactType]
        let files: [String]
        let sysctlKeys: [String]
        let checks: [[String]]
        let packages: [String]
        let units: [String]
        let listings: [String]

        init(_ needs: FactNeeds) {
            facts = needs.facts.union(FactsScript.identity.map(FactType.init)).sorted()
            files = needs.files.sorted()
            sysctlKeys = needs.sysctlKeys.sorted()
            checks = needs.checks.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
            packages = needs.packages.sorted()
            units = needs.units.sorted()
            listings = needs.listings.sorted()
        }
    }

    /// A facts script's output that cannot be read.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String

        /// The error, saying what is wrong with the output.
        public init(description: String) {
            self.description = description
        }
    }

    /// The facts in `output`.
    public static func parse(_ output: String, request: Request) throws -> HostFacts {
        let (sections, listed) = split(output, facts: Set(request.facts.map { $0.type.section }))
        var facts = HostFacts()
        for fact in request.facts {
            if let lines = sections[fact.type.section] { try read(fact.type, lines, into: &facts) }
        }
        var batch = try FileBatch(sections)
        try readFiles(sections, request: request, batch: &batch, into: &facts)
        try readSysctl(sections, request: request, into: &facts)
        try readChecks(sections, request: request, into: &facts)
        try readQueries(sections, request: request, into: &facts)
        try readListings(listed, request: request, batch: &batch, into: &facts)
        return facts
    }

    /// The output's sections by name (`os`, `file 0`), and its listed files in their order.
    /// Only a requested fact's marker or a keyed one starts a section: other `@@` lines are a
    /// section's own (`@@absent`, a fact's parts).
    private static func split(
        _ output: String, facts: Set<String>
    ) -> (sections: [String: [String]], listed: [(listing: Int, lines: [String])]) {
        var sections: [String: [String]] = [:]
        var listed: [(listing: Int, lines: [String])] = []
        var current: String?
        for line in TextLines.split(output) {
            let name = line.hasPrefix("@@") ? line.dropFirst(2) : nil
            if let name, name.hasPrefix("listed "), let index = Int(name.dropFirst("listed ".count)) {
                current = nil
                listed.append((index, []))
            } else if let name,
                facts.contains(String(name)) || isKeyed(name) || FileBatch.sections.contains(name)
                    || querySections.contains(name)
            {
                current = String(name)
                sections[current!] = []
            } else if let current {
                sections[current]!.append(line)
            } else if !listed.isEmpty {
                listed[listed.count - 1].lines.append(line)
            }
        }
        return (sections, listed)
    }

    /// The sections that answer a query for many keys at once.
    private static let querySections: Set<Substring> = [Substring(PackageQuery.section), Substring(UnitQuery.section)]

    /// The packages' and units' queries, each answered in its one section.
    private static func readQueries(
        _ sections: [String: [String]], request: Request, into facts: inout HostFacts
    )
        throws
    {
        if !request.packages.isEmpty {
            guard let lines = sections[PackageQuery.section] else {
                throw Unreadable(description: "no answer for the packages \(request.packages.joined(separator: ", "))")
            }
            facts.installedPackages = PackageQuery.installed(lines, among: request.packages)
        }
        if !request.units.isEmpty {
            guard let lines = sections[UnitQuery.section] else {
                throw Unreadable(description: "no answer for the units \(request.units.joined(separator: ", "))")
            }
            facts.units = UnitQuery.states(lines, of: request.units)
        }
    }

    /// Whether `name` names a keyed section: `file 3`, `sysctl 0`, `check 1`.
    private static func isKeyed(_ name: Substring) -> Bool {
        let words = name.split(separator: " ")
        return words.count == 2 && keyedSections.contains(words[0]) && Int(words[1]) != nil
    }

    private static func read<F: Fact>(_ type: F.Type, _ lines: [String], into facts: inout HostFacts) throws {
        facts[type] = try type.parse(lines)
    }

    private static func readFiles(
        _ sections: [String: [String]], request: Request, batch: inout FileBatch, into facts: inout HostFacts
    ) throws {
        for (index, path) in request.files.enumerated() {
            facts.files[path] = try file(sections["file \(index)"], path: path, batch: &batch)
        }
    }

    private static func readSysctl(_ sections: [String: [String]], request: Request, into facts: inout HostFacts) throws
    {
        for (index, key) in request.sysctlKeys.enumerated() {
            guard let lines = sections["sysctl \(index)"] else {
                throw Unreadable(description: "no answer for sysctl \(key)")
            }
            if lines.first != "@@absent" { facts.sysctl[key] = lines.filter { !$0.isEmpty }.joined(separator: "\n") }
        }
    }

    private static func readChecks(_ sections: [String: [String]], request: Request, into facts: inout HostFacts) throws
    {
        for (index, check) in request.checks.enumerated() {
            guard let status = sections["check \(index)"]?.first.flatMap({ Int32($0) }) else {
                throw Unreadable(description: "no answer for the check \(ShellWord.command(check))")
            }
            facts.checks[check] = status
        }
    }

    private static func readListings(
        _ listed: [(listing: Int, lines: [String])], request: Request, batch: inout FileBatch,
        into facts: inout HostFacts
    ) throws {
        for pattern in request.listings { facts.listings[pattern] = [] }
        for (index, lines) in listed where request.listings.indices.contains(index) {
            guard let path = lines.first else { continue }
            facts.listings[request.listings[index], default: []].append(path)
            facts.files[path] = try file(Array(lines.dropFirst()), path: path, batch: &batch)
        }
    }

    /// A file section's file: absent, the next of the batch, or read alone.
    private static func file(_ lines: [String]?, path: String, batch: inout FileBatch) throws -> FileState {
        guard let lines, let header = lines.first else {
            throw Unreadable(description: "no answer for the file \(path)")
        }
        switch header {
        case "absent": return .absent
        case "batched": return try batch.next(for: path)
        default:
            do { return try FileBatch.state(header: header, base64: lines.count > 1 ? lines[1] : "") } catch {
                throw Unreadable(description: "cannot read the facts of \(path): \(header)")
            }
        }
    }
}
