import TrunklineCore

/// What the file-writing step kinds share: which attributes a rewritten file keeps, whether a
/// file differs from what is wanted, and the change that writes it.
enum FileContent {
    /// The attributes to write: those asked for, else the file's own, else 0644 root:root.
    static func attributes(mode: Int32?, owner: String?, group: String?, keeping current: FileState) -> FileAttributes {
        if case .present(_, let oldMode, let oldOwner, let oldGroup) = current {
            return FileAttributes(mode: mode ?? oldMode, owner: owner ?? oldOwner, group: group ?? oldGroup)
        }
        return FileAttributes(mode: mode ?? 0o644, owner: owner ?? "root", group: group ?? "root")
    }

    /// True unless the file has exactly these bytes and attributes.
    static func differs(_ current: FileState, contents: [UInt8], attributes: FileAttributes) -> Bool {
        current
            != .present(
                contents: contents, mode: attributes.mode, owner: attributes.owner ?? "root",
                group: attributes.group ?? "root")
    }

    /// The change that writes `contents` to `path`, with a unified diff and what else changes.
    static func change(
        path: String, from current: FileState, to contents: [UInt8], attributes: FileAttributes, summary: String? = nil
    ) -> Change {
        var notes: [String] = []
        if case .present(_, let mode, let owner, let group) = current {
            if mode != attributes.mode {
                notes.append("mode \(String(mode, radix: 8)) -> \(String(attributes.mode, radix: 8))")
            }
            if owner != attributes.owner || group != attributes.group {
                notes.append("owner \(owner):\(group) -> \(attributes.owner ?? "root"):\(attributes.group ?? "root")")
            }
        }
        let verb = current == .absent ? "create" : "update"
        return Change(
            summary: (summary ?? "\(verb) \(path)") + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"),
            effects: [.writeFile(path: path, contents: contents, attributes: attributes)]
        ) {
            TextDiff.unified(old: current.text, new: String(decoding: contents, as: UTF8.self), path: path)
        }
    }
}
