import TrunklineEngine

/// What an apply script makes sure of before its first step, so that a run either starts with
/// what it needs or changes nothing: the host's run lock (no two runs interleave on one host),
/// and the free space its file writes and their backups take (a full disk stops the run before
/// the first change, with the reason, instead of halfway through).
public struct ApplyPreconditions: Sendable, Equatable {
    /// Seconds the script waits for another run's lock before it gives up.
    public var lockWait: Int
    /// Kilobytes that must be free where each directory in `directories` is.
    public var neededKilobytes: Int
    /// The directories the script writes to (targets' parents and the backup directory).
    public var directories: [String]

    /// A small margin for the run's log, step outputs and temporary names.
    static let marginKilobytes = 64

    /// The preconditions of `steps`, planned against `facts`: each written file costs its new
    /// size, the backup of its old one and a block for each.
    public init(steps: [(index: Int, changes: [Change])], facts: HostFacts, lockWait: Int = 60) {
        var bytes = 0
        var directories: Set<String> = ["/var/lib/trunkline"]
        for effect in steps.flatMap({ $0.changes.flatMap(\.effects) }) {
            guard case .writeFile(let path, let contents, _) = effect else { continue }
            bytes += contents.count + (facts.files[path]?.contents?.count ?? 0) + 8192
            directories.insert(Self.parent(of: path))
        }
        self.lockWait = lockWait
        neededKilobytes = (bytes + 1023) / 1024 + Self.marginKilobytes
        self.directories = directories.sorted()
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
