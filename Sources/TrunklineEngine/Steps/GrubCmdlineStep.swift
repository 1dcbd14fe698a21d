import Foundation
import TrunklineCore

/// `grub_cmdline`: arguments present in or absent from `GRUB_CMDLINE_LINUX` (or
/// `GRUB_CMDLINE_LINUX_DEFAULT`) in `/etc/default/grub`, keeping the rest of the file and the
/// other arguments as they are. `biosdevname=0` replaces `biosdevname=1` where it stands.
/// A change regenerates grub.cfg: `update-grub` on the Debian family,
/// `grub2-mkconfig -o /boot/grub2/grub.cfg` on the RHEL family.
public struct GrubCmdlineStep: StepKind {
    public static let name = "grub_cmdline"
    public static let parameters = ["present", "absent", "variable", "path"]

    let present: [String]
    let absent: [String]
    let variable: String
    let path: String

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        present = try arguments.strings("present", each: .kernelArgument) ?? []
        absent = try arguments.strings("absent", each: .kernelArgument) ?? []
        variable =
            try arguments.choice("variable", among: ["GRUB_CMDLINE_LINUX", "GRUB_CMDLINE_LINUX_DEFAULT"])
            ?? "GRUB_CMDLINE_LINUX"
        path = try arguments.string("path") ?? "/etc/default/grub"
        if present.isEmpty && absent.isEmpty {
            throw InputError(arguments.location, "a grub_cmdline step needs 'present' or 'absent'")
        }
    }

    public var needs: FactNeeds { FactNeeds(files: [path]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        let current = facts.files[path] ?? .absent
        let (lines, crlf) = TextLines.fileLines(current.text ?? "")
        var rows = lines
        let index = rows.lastIndex { $0.hasPrefix(variable + "=") }
        let old = index.map { Self.arguments(in: String(rows[$0].dropFirst(variable.count + 1))) } ?? []
        let new = edited(old)
        guard new != old else { return [] }
        let line = "\(variable)=\"\(new.joined(separator: " "))\""
        if let index { rows[index] = line } else { rows.append(line) }
        let contents = Array(TextLines.fileText(rows, crlf: crlf).utf8)
        let attributes = FileContent.attributes(mode: nil, owner: nil, group: nil, keeping: current)
        let added = new.filter { !old.contains($0) }, removed = old.filter { !new.contains($0) }
        let summary =
            ([
                added.isEmpty ? nil : "add " + added.joined(separator: " "),
                removed.isEmpty ? nil : "remove " + removed.joined(separator: " "),
            ].compactMap { $0 })
            .joined(separator: ", ") + " in \(variable)"
        var change = FileContent.change(
            path: path, from: current, to: contents, attributes: attributes, summary: summary)
        change.effects.append(
            .run(facts.osFamily == .rhel ? ["grub2-mkconfig", "-o", "/boot/grub2/grub.cfg"] : ["update-grub"]))
        return [change]
    }

    private func edited(_ arguments: [String]) -> [String] {
        var result = arguments
        for wanted in present {
            let key = Self.key(wanted)
            if let first = result.firstIndex(where: { Self.key($0) == key }) {
                result[first] = wanted
                result = result.enumerated().filter { $0.offset == first || Self.key($0.element) != key }.map(\.element)
            } else {
                result.append(wanted)
            }
        }
        for unwanted in absent {
            result.removeAll { unwanted.contains("=") ? $0 == unwanted : Self.key($0) == unwanted }
        }
        return result
    }

    private static func key(_ argument: String) -> String {
        String(argument.prefix { $0 != "=" })
    }

    /// The words of a shell-quoted value (`"a b"`, `'a b'` or bare).
    static func arguments(in value: String) -> [String] {
        var text = value.trimmingCharacters(in: .whitespaces)
        if let first = text.first, first == "\"" || first == "'", text.last == first, text.count >= 2 {
            text = String(text.dropFirst().dropLast())
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}
