import Foundation
import TrunklineCore

/// How an apply script runs on a host, apart from any SSH session: uploaded atomically into its
/// private run directory and started with `setsid` in one exec, then waited for in short execs
/// until its `ApplyLog` says `finished`. A dropped connection only means reconnecting to go on
/// waiting; the script never depends on it.
struct DetachedScript {
    /// The run whose directory holds the script, its log and its outputs.
    let runID: String
    /// How to connect again when the connection drops while waiting.
    let connect: @Sendable () async throws -> any RemoteHost
    /// How long the script may run.
    let timeout: Duration

    private var directory: String { ApplyScript.runDirectory(runID) }

    /// Uploads `script` (it may carry secret file contents, hence umask 077) and starts it
    /// detached; returns its process ID, by which the wait notices a script that died without
    /// finishing its log.
    func start(_ script: String, on remote: any RemoteHost) async throws -> Int {
        let launcher = """
            set -e
            umask 077
            mkdir -p "$1"
            chmod 700 "$1"
            cat > "$1/apply.sh.tmp"
            mv -f "$1/apply.sh.tmp" "$1/apply.sh"
            setsid sh "$1/apply.sh" > "$1/output" 2>&1 < /dev/null &
            echo "$!"
            """
        let output = try await remote.run(RemoteCommand(["sh", "-c", launcher, "sh", directory], stdin: Array(script.utf8)))
        guard output.succeeded, let pid = Int(output.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw HostRunFailure(description: "cannot start the apply script: \(output.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return pid
    }

    /// Waits until the script `pid` has finished, in execs of at most 10 seconds each, so a
    /// connection that silently dies (a cut link sends no reset) is noticed within seconds; then
    /// reconnects and goes on waiting, until `timeout`. Returns the log and the output of each
    /// failed step; `remote` is the connection in use at the end.
    func wait(pid: Int, remote: inout any RemoteHost) async throws -> (ApplyLog, [Int: String]) {
        let command = RemoteCommand(["sh", "-c", Self.waiter, "sh", directory, String(pid)], timeout: .seconds(20))
        let deadline = ContinuousClock.now + timeout
        var connected = true
        while ContinuousClock.now < deadline {
            do {
                if !connected {
                    remote = try await connect()
                    connected = true
                }
                let output = try await remote.run(command).stdoutText
                if output.hasPrefix("@@gone") {
                    throw HostRunFailure(description: "the apply script ended without finishing its log (a full disk?): "
                        + output.dropFirst("@@gone\n".count).split(separator: "\n").joined(separator: "; "))
                }
                if !output.hasPrefix("@@pending") { return Self.split(output) }
            } catch let failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
                if connected { await remote.close() }
                connected = false
                try await Task.sleep(for: .seconds(1))
            }
        }
        throw HostRunFailure(description: "the apply script did not finish within \(timeout)")
    }

    /// Waits up to 10 s for `finished` in the log; then prints the log and each failed step's
    /// output after an `@@out N` line. `@@pending` if not finished yet, `@@gone` if the script
    /// died without finishing its log (with the tail of its output and the free space).
    private static let waiter = """
        i=0
        while ! \(ApplyLog.holds(.finished)); do
          if ! kill -0 "$2" 2>/dev/null && ! \(ApplyLog.holds(.finished)); then
            echo '@@gone'; tail -c 2000 "$1/output"; df -Pk "$1" 2>&1 | tail -n 1; exit 0
          fi
          i=$((i + 1)); [ $i -gt 100 ] && { echo '@@pending'; exit 0; }; sleep 0.1
        done
        cat "$1/log"
        for n in $(\(ApplyLog.failedStepNumbers)); do
          echo "@@out $n"; cat "$1/step-$n.out"
          [ -s "$1/step-$n.out" ] || { printf 'no output was kept; free space where the run is: '; df -Pk "$1" | awk 'NR == 2 { print $4 " KB" }'; }
        done
        """

    private static func split(_ text: String) -> (ApplyLog, [Int: String]) {
        var outputs: [Int: String] = [:]
        let parts = text.components(separatedBy: "@@out ")
        for part in parts.dropFirst() {
            let number = Int(part.prefix { $0.isNumber }) ?? 0
            outputs[number] = String(part.drop { $0 != "\n" }.dropFirst())
        }
        return (ApplyLog(parts.first ?? ""), outputs)
    }
}
