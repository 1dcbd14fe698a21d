/// The permission bits and ownership a written file gets.
public struct FileAttributes: Sendable, Equatable, Hashable {
    /// Permission bits, such as `0o644`.
    public var mode: Int32
    /// The owning user's name, or nil to leave it to the writer.
    public var owner: String?
    /// The owning group's name, or nil to leave it to the writer.
    public var group: String?

    /// Creates attributes.
    public init(mode: Int32 = 0o644, owner: String? = nil, group: String? = nil) {
        self.mode = mode
        self.owner = owner
        self.group = group
    }
}
