import Foundation
import TrunklineCore
import TrunklineInput

/// The steps a run takes of its plays: those `--tags` and `--skip-tags` select, from the first
/// whose name `--start-at-task` gives (exactly or as a glob) on, as ansible-playbook takes
/// them. Handlers are not selected: a selected step's notification runs its handler.
public struct StepSelection: Sendable, Equatable {
    /// The tags asked for and skipped.
    public var tags: TagSelection
    /// The name (or glob) of the step to start at, if any.
    public var startAt: String?

    /// A selection of `tags`, from `startAt` on.
    public init(tags: TagSelection = TagSelection(), startAt: String? = nil) {
        self.tags = tags
        self.startAt = startAt
    }

    /// `plays` with only the selected steps. A `startAt` no selected step is named is an error.
    public func apply(_ plays: [Play]) throws -> [Play] {
        var started = startAt == nil
        let selected = plays.map { play in
            var play = play
            play.steps = play.steps.filter { step in
                guard tags.selects(Set(step.tags)) else { return false }
                if !started, let startAt { started = Self.matches(step.name, startAt) }
                return started
            }
            return play
        }
        guard started else { throw notFound(plays) }
        return selected
    }

    /// The error for a `startAt` that names no selected step: whether tags leave it out, or
    /// the name meant.
    private func notFound(_ plays: [Play]) -> InputError {
        let pattern = startAt ?? ""
        let steps = plays.flatMap(\.steps)
        let hint =
            steps.contains { Self.matches($0.name, pattern) }
            ? "--tags and --skip-tags leave it out"
            : Suggestion.hint(for: pattern, in: steps.filter { tags.selects(Set($0.tags)) }.map(\.name))
        return InputError(
            SourceLocation(whole: "--start-at-task"), "no selected step is named '\(pattern)'", hint: hint)
    }

    private static func matches(_ name: String, _ pattern: String) -> Bool {
        name == pattern || fnmatch(pattern, name, 0) == 0
    }
}
