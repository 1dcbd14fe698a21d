import Foundation

/// One run in the fleet's trend: how many hosts were in sync, drifted, unreachable and failed.
public struct TrendPoint: Sendable, Equatable {
    /// The run.
    public var run: RunReference
    /// Hosts by status.
    public var inSync: Int
    public var drifted: Int
    public var unreachable: Int
    public var failed: Int

    /// Creates a point.
    public init(run: RunReference, inSync: Int, drifted: Int, unreachable: Int, failed: Int) {
        self.run = run
        self.inSync = inSync
        self.drifted = drifted
        self.unreachable = unreachable
        self.failed = failed
    }

    /// The point of a recorded run.
    public init(_ record: RunRecord) {
        self.init(
            run: record.reference, inSync: record.inSync, drifted: record.drifted, unreachable: record.unreachable,
            failed: record.failed)
    }

    /// The point of a report (a trend of one run, when there is no history).
    public init(_ report: DriftReport) {
        let summary = report.summary
        self.init(
            run: report.run, inSync: summary.inSync, drifted: summary.drifted, unreachable: summary.unreachable,
            failed: summary.failed)
    }

    /// The count of hosts with `status`.
    public func count(_ status: HostStatus) -> Int {
        switch status {
        case .inSync: inSync
        case .drifted: drifted
        case .unreachable: unreachable
        case .failed: failed
        }
    }
}
