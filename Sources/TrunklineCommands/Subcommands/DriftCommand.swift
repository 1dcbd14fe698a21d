import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineReporting
import TrunklineRun

/// `trunkline drift -i INVENTORY PLAYBOOK`: check mode over the fleet, recorded in the history,
/// reported as JSON, Markdown and HTML in the run directory (and wherever asked), with
/// Prometheus and JUnit outputs on request.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report which hosts no longer match a playbook, since when, and how; change nothing.",
        discussion: """
            Writes drift.json, drift.md and drift.html into the run directory, records every host's and step's result \
            in the history, and says for each drift since which run it exists, what is new and what was resolved. \
            With --notify-webhook or --notify-config, POSTs a summary when something is new or resolved or a host is not checked.
            Exit status: 0 all in sync, 2 drift found, 4 hosts failed or unreachable, 6 both, 1 invalid input, 64 usage error, 130 interrupted.
            """
                + HelpExample.section(
                    "drift",
                    [
                        HelpExample(
                            arguments: ["-i", "hosts.ini", "site.yml", "--diff"],
                            purpose: "the nightly report: what drifted since when, with diffs"),
                        HelpExample(
                            arguments: [
                                "-i", "hosts.ini", "site.yml", "--junit", "drift.xml", "--prometheus", "drift.prom",
                            ],
                            purpose: "also a JUnit file for CI and metrics for node_exporter's textfile collector"),
                        HelpExample(
                            arguments: [
                                "-i", "hosts.ini", "site.yml", "--notify-webhook", "https://chat.example/hook",
                            ],
                            purpose: "post a summary when something is new or resolved"),
                    ])
    )

    @OptionGroup var options: PlaybookRunOptions
    @OptionGroup var rollout: RolloutOptions
    @OptionGroup var outputs: DriftOutputOptions

    func run() async throws {
        let started = Date()
        let webhooks: [Webhook]
        do {
            webhooks = try outputs.webhooks()
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
        let quiet = RunReport(format: .json, showDiff: false, apply: false)
        let result = try await PlaybookRunner(options: options, rollout: rollout).execute(.check, report: quiet)
        let run = DriftRun(
            id: result.runID, startedAt: started, finishedAt: Date(), playbook: options.playbook,
            inventory: options.selection.inventory.joined(separator: ","),
            observations: DriftObservations.from(result))
        let history = outputs.noHistory ? nil : try DriftHistory(path: outputs.history ?? StatePaths.history)
        let report = try history?.record(run) ?? DriftReport(run: run)
        let trend = try history?.trend(playbook: run.playbook, inventory: run.inventory) ?? []
        let written = try write(report, trend: trend, into: result.directory)
        await notify(report, html: outputs.html ?? result.directory.path + "/drift.html", to: webhooks)
        if options.format == .json {
            FileHandle.standardOutput.write(Data(try DriftJSON.render(report)))
        } else {
            let colour = TerminalColour.enabled(for: STDOUT_FILENO)
            print(DriftText.render(report, showDiff: options.diff, files: written, colour: colour), terminator: "")
        }
        throw ExitCode(result.interrupted ? ExitStatus.interrupted.code : report.exitCode)
    }

    /// Posts the notification to every webhook; a failure is logged on standard error and
    /// never changes the exit status.
    private func notify(_ report: DriftReport, html: String, to webhooks: [Webhook]) async {
        guard !webhooks.isEmpty, let notification = DriftNotification(report, reportPath: html),
            let body = try? notification.body()
        else { return }
        for webhook in webhooks {
            let shown = "\(webhook.url.scheme ?? "")://\(webhook.url.host ?? "")"  // the path of a chat webhook is its secret
            let failure = await webhook.post(body)
            FileHandle.standardError.write(
                Data("trunkline: notification to \(shown) \(failure.map { "failed: \($0)" } ?? "delivered")\n".utf8))
        }
    }

    /// Writes every output; returns the paths written.
    private func write(_ report: DriftReport, trend: [TrendPoint], into directory: RunDirectory) throws -> [String] {
        let json = try DriftJSON.render(report), markdown = Array(DriftMarkdown.render(report).utf8)
        let html = Array(DriftHTML.render(report, trend: trend).utf8)
        var files: [(String, [UInt8])] = [
            (directory.path + "/drift.json", json), (directory.path + "/drift.md", markdown),
            (directory.path + "/drift.html", html),
        ]
        if let path = outputs.json { files.append((path, json)) }
        if let path = outputs.markdown { files.append((path, markdown)) }
        if let path = outputs.html { files.append((path, html)) }
        if let path = outputs.prometheus { files.append((path, Array(PrometheusTextfile.render(report).utf8))) }
        if let path = outputs.junit { files.append((path, Array(JUnitReport.render(report).utf8))) }
        for (path, bytes) in files { try ReportFile.write(bytes, to: path) }
        return files.map(\.0)
    }
}
