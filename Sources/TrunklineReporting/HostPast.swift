/// What the history knows of a host before a run: the drifts its last checked run saw, each
/// with the run its unbroken series started (`sinceSeq`), and, if its last run did not check it,
/// the run since which it has been down.
struct HostPast {
    /// The drifted steps of the host's last checked run, by key.
    var drifts: [String: StepDriftRecord] = [:]
    /// The first run of the series of runs, ending with the last, that did not check the host.
    var downSinceSeq: Int?

    /// Since which run a drift seen by run `seq` exists: the run its series started, or `seq`
    /// if the last checked run did not see it.
    func sinceSeq(of key: String, this seq: Int) -> Int {
        drifts[key]?.sinceSeq ?? seq
    }

    /// Since which run a host that run `seq` did not check has been down.
    func downSince(this seq: Int) -> Int {
        downSinceSeq ?? seq
    }

    /// The past after a run: a checked one replaces the drifts (already given their since) and
    /// ends the down time; one that did not check the host keeps the drifts.
    func after(_ result: HostResultRecord, drifts: [StepDriftRecord]) -> HostPast {
        guard result.hostStatus.wasChecked else {
            return HostPast(drifts: self.drifts, downSinceSeq: result.downSinceSeq)
        }
        return HostPast(drifts: Dictionary(drifts.map { ($0.key, $0) }) { first, _ in first }, downSinceSeq: nil)
    }
}
