import TrunklineRun

/// Which steps a host's block in the text report shows: every step, or only those that changed
/// (or would) and those that failed.
enum StepDetail: Sendable {
    /// Every step, ok and skipped ones too.
    case all
    /// Changed and failed steps only.
    case changesOnly

    /// Whether a step with `status` is shown.
    func shows(_ status: StepOutcome.Status) -> Bool {
        switch self {
        case .all: return true
        case .changesOnly: return status == .changed || status == .failed
        }
    }
}
