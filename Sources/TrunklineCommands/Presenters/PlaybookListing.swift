import TrunklinePlaybook
import TrunklineRun

/// `--list-hosts` and `--list-tasks` as ansible-playbook prints them: each play with its host
/// pattern and tags, its hosts after `--limit` and its selected steps as written, with their tags.
struct PlaybookListing {
    /// The playbook's path, as given.
    let playbook: String
    /// Whether the hosts are listed.
    let hosts: Bool
    /// Whether the steps are listed.
    let steps: Bool

    /// The lines for `plays`.
    func lines(_ plays: [PreparedPlay]) -> [String] {
        ["", "playbook: \(playbook)"]
            + plays.enumerated().flatMap { number, prepared in
                [""] + play(prepared, number: number + 1)
            }
    }

    private func play(_ prepared: PreparedPlay, number: Int) -> [String] {
        let play = prepared.play
        var lines = [
            "  play #\(number) (\(play.hosts.text)): \(play.name)\tTAGS: [\(play.tags.sorted().joined(separator: ", "))]"
        ]
        if hosts {
            lines +=
                ["    pattern: \(play.hosts.text)", "    hosts (\(prepared.hosts.count)):"]
                + prepared.hosts.map { "      \($0.name)" }
        }
        if steps {
            lines += ["    steps:"] + play.steps.map(step)
        }
        return lines
    }

    private func step(_ step: StepDefinition) -> String {
        "      [\(step.index)] \(step.kind): \(step.name)" + (step.loop.map { " (\($0.keyword.rawValue))" } ?? "")
            + "\tTAGS: [\(step.tags.joined(separator: ", "))]"
    }
}
