import Foundation
import GRDB

/// A row of the history's `stepDrift` table: one drifted step on one host in one run.
struct StepDriftRecord: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stepDrift"

    var runSeq: Int
    var host: String
    var key: String
    var play: String
    var stepIndex: Int
    var kind: String
    var name: String
    /// The changes as JSON (`[{summary, diff}]`).
    var changes: String
    /// The first run of the unbroken series of the host's checked runs, ending with this one,
    /// that saw the step drift.
    var sinceSeq: Int?

    init(runSeq: Int, host: String, drift: StepDrift, sinceSeq: Int) throws {
        self.runSeq = runSeq
        self.sinceSeq = sinceSeq
        self.host = host
        key = drift.key
        play = drift.play
        stepIndex = drift.index
        kind = drift.kind
        name = drift.name
        changes = String(decoding: try JSONEncoder().encode(drift.changes), as: UTF8.self)
    }

    /// The step as `kind: name`.
    var stepName: String { "\(kind): \(name)" }
}
