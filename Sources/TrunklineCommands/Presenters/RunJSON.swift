import Foundation
import TrunklineRun

/// `check --format json` and `apply --format json`: one document of schema `trunkline.run/1`
/// (docs/trunkline.run-1.schema.json): the run id, mode, start and end times (UTC, ISO 8601),
/// exit code, each play's name and hosts, every host's outcome (with the play it is of), the
/// hosts not reached and why batches stopped. Keys sorted, `/` not escaped.
struct RunJSON {
    /// The schema's name, written in every document.
    static let schema = "trunkline.run/1"

    /// What the run did.
    let result: RunResult
    /// Whether it was a check or an apply.
    let mode: RunMode
    /// When its first play began and its last one ended.
    let started: Date, finished: Date

    /// The document, pretty-printed.
    func text() -> String {
        let data =
            (try? JSONSerialization.data(
                withJSONObject: document(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private func document() -> [String: Any] {
        [
            "schema": Self.schema, "run_id": result.runID, "mode": mode.rawValue,
            "started_at": Self.timestamp(started), "finished_at": Self.timestamp(finished),
            "exit_code": Int(result.exitStatus.code), "interrupted": result.interrupted,
            "plays": result.plays.map { ["name": $0.name, "hosts": $0.outcomes.map(\.host)] as [String: Any] },
            "hosts": result.plays.flatMap { play in
                play.outcomes.map { outcome in outcome.jsonObject.merging(["play": play.name]) { $1 } }
            },
            "not_reached": result.notReached, "stopped": result.stopReasons, "run_directory": result.directory.path,
        ]
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
