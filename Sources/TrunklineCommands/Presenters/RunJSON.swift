import Foundation
import TrunklineCore
import TrunklineRun

/// `check --format json` and `apply --format json`: one document of schema `trunkline.run/1`
/// (docs/trunkline.run-1.schema.json): the run id, mode, start and end times (UTC, ISO 8601),
/// exit code, each play's name and hosts, every host's outcome (with the play it is of), the
/// hosts not reached and why batches stopped. Keys sorted, `/` not escaped.
struct RunJSON: Encodable {
    /// The schema's name, written in every document.
    static let schema = "trunkline.run/1"

    /// What the run did.
    let result: RunResult
    /// Whether it was a check or an apply.
    let mode: RunMode
    /// When its first play began and its last one ended.
    let started: Date, finished: Date

    private enum Key: String, CodingKey {
        case schema, mode, interrupted, plays, hosts, stopped
        case runID = "run_id", startedAt = "started_at", finishedAt = "finished_at", exitCode = "exit_code"
        case notReached = "not_reached", runDirectory = "run_directory"
    }

    private enum PlayKey: String, CodingKey {
        case name, hosts
    }

    /// The document, pretty-printed.
    func text() throws -> String {
        String(decoding: try JSONDocument.data(self), as: UTF8.self)
    }

    func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: Key.self)
        try object.encode(Self.schema, forKey: .schema)
        try object.encode(result.runID, forKey: .runID)
        try object.encode(mode.rawValue, forKey: .mode)
        try object.encode(Self.timestamp(started), forKey: .startedAt)
        try object.encode(Self.timestamp(finished), forKey: .finishedAt)
        try object.encode(Int(result.exitStatus.code), forKey: .exitCode)
        try object.encode(result.interrupted, forKey: .interrupted)
        var plays = object.nestedUnkeyedContainer(forKey: .plays)
        for play in result.plays {
            var entry = plays.nestedContainer(keyedBy: PlayKey.self)
            try entry.encode(play.name, forKey: .name)
            try entry.encode(play.outcomes.map(\.host), forKey: .hosts)
        }
        try object.encode(
            result.plays.flatMap { play in play.outcomes.map { HostOutcomeJSON($0, play: play.name) } }, forKey: .hosts)
        try object.encode(result.notReached, forKey: .notReached)
        try object.encode(result.stopReasons, forKey: .stopped)
        try object.encode(result.directory.path, forKey: .runDirectory)
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
