import Foundation

/// The files the facts script read together: one `stat` for their modes, owners and sizes and
/// one `base64` for their bytes end to end (`@@contents`: the bytes, then a `MODE OWNER GROUP
/// SIZE` line each), or, when a file changed between the two, each file read alone
/// (`@@contents-each`: a `MODE OWNER GROUP` line and the bytes each). A file section that says
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
        guard let data = lines.first.flatMap({ Data(base64Encoded: $0) }) else {
            throw FactsScript.Unreadable(description: "cannot read the files' bytes")
        }
        var bytes = [UInt8](data)[...]
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
}
