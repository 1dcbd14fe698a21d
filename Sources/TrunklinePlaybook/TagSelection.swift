import Foundation

/// Which steps `--tags` and `--skip-tags` select, as ansible-playbook decides it from a step's
/// tags (its own, its role inclusion's and its play's): `always` runs unless skipped by name,
/// `never` runs only when asked for by one of its other tags (or `never`), `all`, `tagged` and
/// `untagged` stand for what they say.
public struct TagSelection: Sendable, Equatable {
    /// The tags with a meaning of their own.
    public enum Special: String, Sendable, CaseIterable {
        /// A step tagged `always` runs whatever `--tags` asks.
        case always
        /// A step tagged `never` runs only when one of its tags is asked for.
        case never
        /// Every step but the `never` ones (the default of `--tags`).
        case all
        /// Every step with a tag.
        case tagged
        /// Every step without one.
        case untagged
    }

    /// The tags of `--tags` (`all` when none is given).
    public var only: Set<String>
    /// The tags of `--skip-tags`.
    public var skip: Set<String>

    /// A selection from the words of `--tags` and `--skip-tags`, each a tag or a comma-separated
    /// list of them.
    public init(tags: [String] = [], skipTags: [String] = []) {
        only = Self.split(tags)
        skip = Self.split(skipTags)
        if only.isEmpty { only = [Special.all.rawValue] }
    }

    /// Whether a step with `tags` runs.
    public func selects(_ tags: Set<String>) -> Bool {
        let tags = tags.isEmpty ? [Special.untagged.rawValue] : tags
        return isAskedFor(tags) && !isSkipped(tags)
    }

    private func isAskedFor(_ tags: Set<String>) -> Bool {
        if has(.always, tags) { return true }
        if has(.all, only) && !has(.never, tags) { return true }
        if !tags.isDisjoint(with: only) { return true }
        return has(.tagged, only) && !has(.untagged, tags) && !has(.never, tags)
    }

    private func isSkipped(_ tags: Set<String>) -> Bool {
        if has(.all, skip) { return !has(.always, tags) || has(.always, skip) }
        if !tags.isDisjoint(with: skip) { return true }
        return has(.tagged, skip) && !has(.untagged, tags)
    }

    private func has(_ tag: Special, _ tags: Set<String>) -> Bool {
        tags.contains(tag.rawValue)
    }

    private static func split(_ words: [String]) -> Set<String> {
        Set(
            words.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            })
    }
}
