import ArgumentParser
import Foundation
import TrunklineCore
import TrunklineReporting
import TrunklineRun

/// `--retry-file FILE`: after the run, the hosts to run again (failed or unreachable, not the
/// hosts never reached), one a line in inventory order, for `--limit @FILE`, as Ansible's retry files.
struct RetryFileOptions: ParsableArguments {
    @Option(
        name: .customLong("retry-file"),
        help: ArgumentHelp(
            "After the run, write the failed and unreachable hosts here (as Ansible's retry file: not those never reached), one a line, for --limit @FILE.",
            valueName: "file"))
    var retryFile: String?

    /// Writes the retry file for `result`, if one is asked for; a file that cannot be written
    /// is an `InputError` at the flag, with the system's reason.
    func write(_ result: RunResult) throws {
        guard let retryFile else { return }
        let text = result.hostsToRetry.map { $0 + "\n" }.joined()
        do {
            try ReportFile.write(Array(text.utf8), to: retryFile)
        } catch {
            throw InputError(
                SourceLocation(whole: "--retry-file \(retryFile)"), "cannot write: \(error.localizedDescription)")
        }
    }
}
