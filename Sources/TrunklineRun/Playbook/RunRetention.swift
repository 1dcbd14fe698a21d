import Foundation

/// How many of its run directories the controller keeps (`--keep-runs`, `--keep-runs-days`):
/// at most `count`, none older than `days` (by the run id's timestamp); the run being made is
/// always kept. Only directories named like run ids are touched.
public struct RunRetention: Sendable, Equatable {
    /// Runs kept at most, the newest first.
    public var count: Int
    /// The age in days past which a run is removed.
    public var days: Int

    /// The defaults: 100 runs, 90 days.
    public static let standard = RunRetention(count: 100, days: 90)

    /// A retention of `count` runs and `days` days.
    public init(count: Int, days: Int) {
        self.count = count
        self.days = days
    }

    /// The run ids under `runs` to remove when `current` is being made, as of `now`.
    public func expired(in runs: [String], current: String, now: Date = Date()) -> [String] {
        let dated = runs.filter { $0 != current }.compactMap { id in
            Self.timestamp(of: id).map { (id: id, time: $0) }
        }
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        let newestFirst = dated.sorted { $0.id > $1.id }
        return newestFirst.enumerated().filter { $0.offset >= count || $0.element.time < cutoff }.map(\.element.id)
    }

    /// Removes the expired runs under the directory `runs`; a run that cannot be removed stays.
    func prune(_ runs: String, current: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []
        for id in expired(in: names, current: current) { try? FileManager.default.removeItem(atPath: runs + "/" + id) }
    }

    /// The time in a run id `YYYYMMDDTHHMMSSZ-xxxx`, nil for any other name.
    static func timestamp(of id: String) -> Date? {
        let length = RunTimestamp.length
        guard id.utf8.count > length + 1, id.utf8.dropFirst(length).first == UInt8(ascii: "-") else { return nil }
        return RunTimestamp.date(id)
    }
}
