import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineInput
import TrunklineRun
import TrunklineTransport

/// The command-line side of a check, apply or drift run: the options turned into prepared plays
/// and settings, the run presented as it goes, and its status as the exit code.
struct PlaybookRunner {
    let options: PlaybookRunOptions
    let rollout: RolloutOptions

    /// Runs check or apply, prints the report (its steps as `detail` asks), writes the retry
    /// file `retry` asks for and returns the exit code.
    func run(_ mode: RunMode, retry: RetryFileOptions, detail: StepDetailOptions) async throws -> ExitCode {
        let plays = try Self.prepare(options)
        let hosts = Set(plays.flatMap { $0.hosts.map(\.name) }).count
        let report = RunReport(
            format: options.format, showDiff: options.diff, apply: mode == .apply, detail: detail.detail(hosts: hosts),
            verbosity: detail.verbosity)
        let started = Date()
        let result = try await execute(mode, plays: plays, report: report, trace: trace(detail.verbosity))
        if options.format == .json {
            print(try RunJSON(result: result, mode: mode, started: started, finished: Date()).text())
        } else {
            report.recap(
                result.outcomes, notReached: result.notReached, stopReasons: result.stopReasons,
                runDirectory: result.directory.path)
        }
        do {
            try retry.write(result)
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
        return ExitCode(result.exitStatus.code)
    }

    /// Runs every play, printing hosts as they finish through `report`.
    func execute(_ mode: RunMode, report: RunReport) async throws -> RunResult {
        try await execute(mode, plays: try Self.prepare(options), report: report)
    }

    /// With `-vvv`, the trace that prints each connection event as it happens: on standard output
    /// beside the report, or on standard error when standard output is the JSON document.
    private func trace(_ verbosity: Verbosity) -> ConnectionTrace? {
        guard verbosity >= .trace else { return nil }
        let handle = options.format == .json ? FileHandle.standardError : FileHandle.standardOutput
        let lock = NSLock()
        return ConnectionTrace { host, event in
            lock.withLock { handle.write(Data((event.line(host: host) + "\n").utf8)) }
        }
    }

    private func execute(
        _ mode: RunMode, plays: [PreparedPlay], report: RunReport, trace: ConnectionTrace? = nil
    ) async throws -> RunResult {
        let control = RolloutControl()
        let interrupts = InterruptHandler(control: control)
        defer { interrupts.cancel() }
        let presenter = RunPresenter(
            report: report, progress: ProgressDisplay(total: plays.reduce(0) { $0 + $1.hosts.count }))
        var connection = try options.connection.settings(identity: options.identity)
        connection.trace = trace
        let run = PlaybookRun(
            plays: plays, connection: connection,
            rollout: rollout.settings, forks: options.parallelism.forks)
        do {
            let result = try await run.execute(mode, observer: presenter, control: control)
            presenter.progress.clear()
            return result
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
    }

    /// The plays with every selected host's steps built; bad input exits here with its place,
    /// before any connection. Warnings about connection variables go to standard error.
    static func prepare(_ options: PlaybookRunOptions) throws -> [PreparedPlay] {
        let ((inventory, selected, extra), vault) = try options.selection.resolveWithVault(
            playbookDirectory: InputPath.directory(of: options.playbook))
        do {
            let (plays, warnings) = try PlaybookPreparation.prepare(
                playbook: options.playbook, inventory: inventory, selected: selected, extra: extra,
                vault: vault, sshConfig: SSHConfigLookup.file(given: options.connection.sshConfig),
                steps: options.steps.selection)
            for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            return plays
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
    }
}
