import Foundation

/// The files the facts script read together: one `stat` for their modes, owners and sizes and
/// one `od` for their bytes end to end (`@@contents`: the bytes on one line, ` xx` in hexadecimal
/// each, then a `MODE OWNER GROUP SIZE` line each), or, when a file changed between the two, each
/// file read alone (`@@contents-each`: a `MODE OWNER GROUP` line and the bytes in base64 each). A file section that says
/// `batched` stands for the next of them, in the order of the output.
struct FileBatch {
    /// The sections the batch answers in.
    static let sections: Set<Substring> = ["contents", "contents-each"]

    private var states: [FileState]
    private var taken = 0

    /// The batch in the output's `sections` (an empty one where the output has none).
    init(_ sections: [String: [String]]) throws {
        if let lines = sections["contents"] {
            states = try Self.sized(lines)
        } else if let lines = sections["contents-each"] {
            states = try stride(from: 0, to: lines.count - 1, by: 2).map {
                try Self.state(header: lines[$0], base64: lines[$0 + 1])
            }
        } else {
            states = []
        }
    }

    /// The next file of the batch, for the file section of `path`.
    mutating func next(for path: String) throws -> FileState {
        guard taken < states.count else { throw FactsScript.Unreadable(description: "no answer for the file \(path)") }
        taken += 1
        return states[taken - 1]
    }

    /// A file read alone: its `MODE OWNER GROUP` line and its bytes.
    static func state(header: String, base64: String) throws -> FileState {
        let fields = header.split(separator: " ")
        guard fields.count == 3, let mode = Int32(fields[0], radix: 8), let data = Data(base64Encoded: base64) else {
            throw FactsScript.Unreadable(description: "cannot read the facts of a file: \(header)")
        }
        return .present(contents: [UInt8](data), mode: mode, owner: String(fields[1]), group: String(fields[2]))
    }

    /// The files of a `@@contents` section, cut from its bytes by their sizes.
    private static func sized(_ lines: [String]) throws -> [FileState] {
        guard let decoded = lines.first.flatMap(Self.bytes(hexadecimal:)) else {
            throw FactsScript.Unreadable(description: "cannot read the files' bytes")
        }
        var bytes = decoded[...]
        let states = try lines.dropFirst().filter { !$0.isEmpty }.map { header in
            let fields = header.split(separator: " ")
            guard fields.count == 4, let mode = Int32(fields[0], radix: 8), let size = Int(fields[3]),
                (0...bytes.count).contains(size)
            else {
                throw FactsScript.Unreadable(description: "cannot read the facts of a file: \(header)")
            }
            defer { bytes = bytes.dropFirst(size) }
            return FileState.present(
                contents: Array(bytes.prefix(size)), mode: mode, owner: String(fields[1]), group: String(fields[2]))
        }
        guard bytes.isEmpty else { throw FactsScript.Unreadable(description: "the files' bytes and sizes disagree") }
        return states
    }

    /// The bytes of an `od -An -tx1` line (` 6c 69`), or nil for anything else.
    static func bytes(hexadecimal line: String) -> [UInt8]? {
        let text = Array(line.utf8)
        guard text.count % 3 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 3)
        for start in stride(from: 0, to: text.count, by: 3) {
            guard text[start] == UInt8(ascii: " "), let high = nibble(text[start + 1]),
                let low = nibble(text[start + 2])
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    /// The value of one lower-case hexadecimal digit, as od prints it.
    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
