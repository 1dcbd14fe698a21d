import ArgumentParser
import Foundation

/// Where `drift` writes its report and keeps its history.
struct DriftOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write the JSON report (schema trunkline.drift/1) here.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Also write the Markdown report here.", valueName: "file"))
    var markdown: String?

    @Option(help: ArgumentHelp("Also write the self-contained HTML report here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write node_exporter textfile metrics here (atomically).", valueName: "file"))
    var prometheus: String?

    @Option(help: ArgumentHelp("Write JUnit XML here (a test per host and step: in sync passes, drift fails).", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("The history database (default $XDG_STATE_HOME/trunkline/history.sqlite).", valueName: "path"))
    var history: String?

    @Option(name: .customLong("notify-webhook"), help: ArgumentHelp(
        "POST a JSON summary ({\"text\": …, \"trunkline\": …}, Slack/Mattermost-compatible) here when a drift is new or resolved or a host is not checked (repeatable).",
        valueName: "url"))
    var notifyWebhooks: [String] = []

    @Flag(help: "Keep no history: every drift is reported as new.")
    var noHistory = false

    func validate() throws {
        for address in notifyWebhooks where !["http", "https"].contains(URL(string: address)?.scheme ?? "") || URL(string: address)?.host == nil {
            throw ValidationError("--notify-webhook \(address): not an http(s) URL")
        }
    }
}
