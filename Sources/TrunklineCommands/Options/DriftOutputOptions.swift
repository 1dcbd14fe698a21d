import ArgumentParser
import Foundation
import TrunklineReporting

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

    @Option(
        help: ArgumentHelp(
            "Write JUnit XML here (a test per host and step: in sync passes, drift fails).", valueName: "file"))
    var junit: String?

    @Option(
        help: ArgumentHelp(
            "The history database (default $XDG_STATE_HOME/trunkline/history.sqlite).", valueName: "path"))
    var history: String?

    @Option(
        name: .customLong("notify-webhook"),
        help: ArgumentHelp(
            "POST a JSON summary ({\"text\": …, \"trunkline\": …}, Slack/Mattermost-compatible) here when a drift is new or resolved or a host is not checked (repeatable).",
            valueName: "url"))
    var notifyWebhooks: [String] = []

    @Option(
        name: .customLong("notify-config"),
        help: ArgumentHelp(
            "Read webhooks to notify, with their timeout, retries and backoff, from this YAML file (see the README).",
            valueName: "file"))
    var notifyConfig: String?

    @Flag(help: "Keep no history: every drift is reported as new.")
    var noHistory = false

    func validate() throws {
        for address in notifyWebhooks where Webhook.url(address) == nil {
            throw ValidationError("--notify-webhook \(address): not an http(s) URL")
        }
    }

    /// The webhooks to notify: `--notify-webhook`'s, then the config file's, all with the
    /// file's timeout, retries and backoff (or the defaults). Throws the file's `InputError`.
    func webhooks() throws -> [Webhook] {
        var config = try notifyConfig.map(NotifyConfig.load) ?? NotifyConfig(webhooks: [])
        config.webhooks = notifyWebhooks.compactMap(Webhook.url) + config.webhooks
        return config.hooks
    }
}
