import TrunklineCore

/// `result.json` in a run's directory: the run id, the mode, each play with its hosts'
/// outcomes (`HostOutcomeJSON`), the hosts not reached and why batches stopped.
struct RunResultJSON: Encodable {
    /// What the run did.
    let result: RunResult
    /// Whether it was a check or an apply.
    let mode: RunMode

    private enum Key: String, CodingKey {
        case runID = "run_id", mode, interrupted, plays, notReached = "not_reached", stopped
    }

    private enum PlayKey: String, CodingKey {
        case name, hosts
    }

    func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: Key.self)
        try object.encode(result.runID, forKey: .runID)
        try object.encode(mode.rawValue, forKey: .mode)
        try object.encode(result.interrupted, forKey: .interrupted)
        var plays = object.nestedUnkeyedContainer(forKey: .plays)
        for play in result.plays {
            var entry = plays.nestedContainer(keyedBy: PlayKey.self)
            try entry.encode(play.name, forKey: .name)
            try entry.encode(play.outcomes.map { HostOutcomeJSON($0) }, forKey: .hosts)
        }
        try object.encode(result.notReached, forKey: .notReached)
        try object.encode(result.stopReasons, forKey: .stopped)
    }
}
