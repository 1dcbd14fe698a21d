import ArgumentParser
import Foundation
import TrunklineReporting

/// `trunkline drift -i INVENTORY PLAYBOOK`: check mode over the fleet, recorded in the history,
/// reported as JSON, Markdown and HTML in the run directory (and wherever asked), with
/// Prometheus and JUnit outputs on request.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report which hosts no longer match a playbook, since when, and how; change nothing.",
        discussion: """
            Writes drift.json, drift.md and drift.html into the run directory, records every host's and step's result \
            in the history, and says for each drift since which run it exists, what is new and what was resolved.
            Exit status: 0 all in sync, 2 drift found, 4 hosts failed or unreachable, 6 both, 1 invalid input, 64 usage error, 130 interrupted.
            """
    )

    @OptionGroup var options: PlaybookRunOptions
    @OptionGroup var rollout: RolloutOptions
    @OptionGroup var outputs: DriftOutputOptions

    func run() async throws {
        let started = Date()
        let quiet = RunReport(format: .json, showDiff: false, apply: false)
        let result = try await PlaybookRun(options: options, rollout: rollout).execute(apply: false, report: quiet)
        let run = DriftRun(id: result.runID, startedAt: started, finishedAt: Date(), playbook: options.playbook,
                           inventory: options.selection.inventory.joined(separator: ","),
                           observations: DriftObservations.from(result))
        let report = outputs.noHistory ? DriftReport(run: run) : try DriftHistory(path: outputs.history ?? StatePaths.history).record(run)
        let written = try write(report, into: result.directory)
        if options.format == .json {
            FileHandle.standardOutput.write(Data(try DriftJSON.render(report)))
        } else {
            print(DriftText.render(report, showDiff: options.diff, files: written), terminator: "")
        }
        throw ExitCode(result.interrupted ? 130 : report.exitCode)
    }

    /// Writes every output; returns the paths written.
    private func write(_ report: DriftReport, into directory: RunDirectory) throws -> [String] {
        let json = try DriftJSON.render(report), markdown = Array(DriftMarkdown.render(report).utf8), html = Array(DriftHTML.render(report).utf8)
        var files: [(String, [UInt8])] = [(directory.path + "/drift.json", json), (directory.path + "/drift.md", markdown), (directory.path + "/drift.html", html)]
        if let path = outputs.json { files.append((path, json)) }
        if let path = outputs.markdown { files.append((path, markdown)) }
        if let path = outputs.html { files.append((path, html)) }
        if let path = outputs.prometheus { files.append((path, Array(PrometheusTextfile.render(report).utf8))) }
        if let path = outputs.junit { files.append((path, Array(JUnitReport.render(report).utf8))) }
        for (path, bytes) in files { try ReportFile.write(bytes, to: path) }
        return files.map(\.0)
    }
}
