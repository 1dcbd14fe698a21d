import TrunklineCore

/// A file on a host as facts see it.
public enum FileState: Sendable, Equatable {
    /// No regular file at the path.
    case absent
    /// A regular file with its bytes, permission bits and owner.
    case present(contents: [UInt8], mode: Int32, owner: String, group: String)

    /// The file's bytes, or nil if it is absent.
    public var contents: [UInt8]? {
        if case .present(let contents, _, _, _) = self { return contents }
        return nil
    }

    /// The file's text (invalid UTF-8 shown as U+FFFD), or nil if it is absent.
    public var text: String? { contents.map { String(decoding: $0, as: UTF8.self) } }
}
