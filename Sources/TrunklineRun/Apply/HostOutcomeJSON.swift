import Foundation
import TrunklineEngine

/// A host's outcome as `result.json` and `--format json` write it: every field, `null` where
/// there is nothing, each step with its changes (summary, diff, commands), and in
/// `--format json` the play it is of.
public struct HostOutcomeJSON: Encodable {
    /// The outcome.
    public let outcome: HostOutcome
    /// The play, for a document that lists every play's hosts in one list.
    public let play: String?

    /// The outcome, with its play if the document needs it.
    public init(_ outcome: HostOutcome, play: String? = nil) {
        self.outcome = outcome
        self.play = play
    }

    private enum Key: String, CodingKey {
        case host, failure, reason, unreachable, rollback, timings, connections, execs, reconnects, steps, play
        case rolledBack = "rolled_back", confirmationSeconds = "confirmation_seconds"
        case didNotConverge = "did_not_converge", rebootPending = "reboot_pending"
    }

    private enum StepKey: String, CodingKey {
        case index, name, kind, status, changes, output, seconds
    }

    private enum ChangeKey: String, CodingKey {
        case summary, diff, commands
    }

    /// Writes the outcome's fields.
    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: Key.self)
        try object.encode(outcome.host, forKey: .host)
        try object.encode(outcome.failure, forKey: .failure)
        try object.encode(outcome.reason, forKey: .reason)
        try object.encode(outcome.unreachable, forKey: .unreachable)
        try object.encode(outcome.rolledBack, forKey: .rolledBack)
        try object.encode(outcome.rollback, forKey: .rollback)
        try object.encode(outcome.confirmation.map(HostTimings.seconds), forKey: .confirmationSeconds)
        try object.encode(outcome.timings, forKey: .timings)
        try object.encode(outcome.connections, forKey: .connections)
        try object.encode(outcome.execs, forKey: .execs)
        try object.encode(outcome.reconnects, forKey: .reconnects)
        var steps = object.nestedUnkeyedContainer(forKey: .steps)
        for step in outcome.steps { try encode(step, into: &steps) }
        try object.encode(outcome.remaining.map(\.name), forKey: .didNotConverge)
        try object.encode(outcome.rebootPending, forKey: .rebootPending)
        try object.encodeIfPresent(play, forKey: .play)
    }

    private func encode(_ step: StepOutcome, into steps: inout any UnkeyedEncodingContainer) throws {
        var object = steps.nestedContainer(keyedBy: StepKey.self)
        try object.encode(step.step.index, forKey: .index)
        try object.encode(step.step.name, forKey: .name)
        try object.encode(step.step.kind, forKey: .kind)
        try object.encode(step.status, forKey: .status)
        var changes = object.nestedUnkeyedContainer(forKey: .changes)
        for change in step.step.changes {
            var entry = changes.nestedContainer(keyedBy: ChangeKey.self)
            try entry.encode(change.summary, forKey: .summary)
            try entry.encode(change.diff, forKey: .diff)
            try entry.encode(change.commands, forKey: .commands)
        }
        try object.encode(step.output, forKey: .output)
        try object.encode(step.seconds, forKey: .seconds)
    }
}
