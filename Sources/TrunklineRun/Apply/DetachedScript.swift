import Foundation
import TrunklineCore

/// How an apply script runs on a host, apart from any SSH session, in as few execs as the
/// script's length allows: one exec uploads the script atomically into its private run
/// directory, starts it with `setsid`, waits up to 10 s for its `ApplyLog` to say `finished`,
/// and then prints the log, the failed steps' outputs and the host's facts gathered afresh. A
/// longer script is waited for in further execs of at most 10 s each, the last of which gathers
/// the facts, so a connection that silently dies (a cut link sends no reset) is noticed within
/// seconds; a dropped connection only means reconnecting to go on waiting, and the script never
/// depends on it.
struct DetachedScript {
    /// The run whose directory holds the script, its log and its outputs.
    let runID: String
    /// How to connect again when the connection drops while waiting.
    let connect: @Sendable () async throws -> any RemoteHost
    /// How long the script may run.
    let timeout: Duration
    /// The facts command run once the script has finished, in the same exec.
    let facts: RemoteCommand

    /// What the host reported once the script finished.
    struct Ending {
        /// The script's log.
        var log: ApplyLog
        /// The output of each failed step, by step index.
        var outputs: [Int: String]
        /// The facts command's output after the script, if it succeeded.
        var factsOutput: CommandOutput?
        /// How many times the wait connected again after a drop.
        var reconnects = 0
    }

    private var directory: String { ApplyScript.runDirectory(runID) }

    /// Uploads and runs `script` (it may carry secret file contents, hence umask 077), and waits
    /// for it; `remote` is the connection in use at the end.
    func run(_ script: String, remote: inout any RemoteHost) async throws -> Ending {
        let output: CommandOutput
        do {
            output = try await remote.run(
                RemoteCommand(
                    ["sh", "-c", Self.launcher, "sh", directory] + facts.argv,
                    stdin: Array(script.utf8), timeout: .seconds(30)))
        } catch let failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
            // The connection dropped while the script was started or waited for: the script, if
            // it started, goes on, and its process ID is in the run directory.
            await remote.close()
            return try await wait(pid: nil, remote: &remote, connected: false)
        }
        let text = output.stdoutText
        guard text.hasPrefix("@@pid "), let pid = Int(text.dropFirst("@@pid ".count).prefix { $0.isNumber }) else {
            throw HostRunFailure(
                description:
                    "cannot start the apply script: \(output.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        let rest = CommandOutput(
            stdout: Array(text.drop { $0 != "\n" }.dropFirst().utf8), stderr: output.stderr,
            exitStatus: output.exitStatus, exitSignal: output.exitSignal)
        if let ending = try ending(rest) { return ending }
        return try await wait(pid: pid, remote: &remote, connected: true)
    }

    /// Waits in execs of at most 10 s each, reconnecting after a drop, until `timeout`; the
    /// script's process ID is read from the run directory if not given.
    private func wait(pid: Int?, remote: inout any RemoteHost, connected: Bool) async throws -> Ending {
        let command = RemoteCommand(
            ["sh", "-c", Self.continuation, "sh", directory, pid.map(String.init) ?? ""] + facts.argv,
            timeout: .seconds(30))
        let deadline = ContinuousClock.now + timeout
        var connected = connected, reconnects = 0
        while ContinuousClock.now < deadline {
            do {
                if !connected {
                    remote = try await connect()
                    connected = true
                    reconnects += 1
                }
                if var ending = try ending(try await remote.run(command)) {
                    ending.reconnects = reconnects
                    return ending
                }
            } catch let failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
                if connected { await remote.close() }
                connected = false
                try await Task.sleep(for: .seconds(1))
            }
        }
        throw HostRunFailure(description: "the apply script did not finish within \(timeout)")
    }

    /// The ending in a waiter's output; nil while the script still runs.
    private func ending(_ output: CommandOutput) throws -> Ending? {
        let text = output.stdoutText
        if text.hasPrefix("@@pending") { return nil }
        if text.hasPrefix("@@unstarted") {
            throw HostRunFailure(
                description:
                    "the apply script did not start: the connection dropped while starting it; nothing was changed")
        }
        if text.hasPrefix("@@gone") {
            throw HostRunFailure(
                description: "the apply script ended without finishing its log (a full disk?): "
                    + text.dropFirst("@@gone\n".count).split(separator: "\n").joined(separator: "; "))
        }
        // The last marker is the waiter's own (a step's output could hold the same line).
        guard let marker = text.range(of: "@@facts\n", options: .backwards) else {
            return Ending(log: Self.split(text).0, outputs: Self.split(text).1, factsOutput: nil)
        }
        let facts =
            output.succeeded
            ? CommandOutput(
                stdout: Array(text[marker.upperBound...].utf8), stderr: output.stderr, exitStatus: output.exitStatus,
                exitSignal: nil) : nil
        let (log, outputs) = Self.split(String(text[..<marker.lowerBound]))
        return Ending(log: log, outputs: outputs, factsOutput: facts)
    }

    /// Uploads and starts the script (`$1` the run directory, the facts command after it),
    /// prints `@@pid N`, then waits as a continuation does.
    private static let launcher = """
        set -e
        umask 077
        dir=$1
        shift
        mkdir -p "$dir"
        chmod 700 "$dir"
        cat > "$dir/apply.sh.tmp"
        mv -f "$dir/apply.sh.tmp" "$dir/apply.sh"
        setsid sh "$dir/apply.sh" > "$dir/output" 2>&1 < /dev/null &
        pid=$!
        echo "$pid" > "$dir/pid"
        echo "@@pid $pid"
        set +e
        \(waiter)
        """

    /// Waits for the script (`$1` the run directory, `$2` its process ID or empty to read it
    /// from the directory, the facts command after them); `@@unstarted` if it never started.
    private static let continuation = """
        dir=$1
        pid=${2:-$(cat "$1/pid" 2>/dev/null)}
        shift 2
        [ -n "$pid" ] || { echo '@@unstarted'; exit 0; }
        \(waiter)
        """

    /// Waits up to 10 s for `finished` in the log; then prints the log, each failed step's
    /// output after an `@@out N` line, and `@@facts` followed by the facts command's output.
    /// `@@pending` if the script has not finished yet, `@@gone` if it died without finishing
    /// its log (with the tail of its output and the free space).
    private static let waiter = """
        i=0
        while ! \(ApplyLog.holds(.finished, in: "\"$dir\"")); do
          if ! kill -0 "$pid" 2>/dev/null && ! \(ApplyLog.holds(.finished, in: "\"$dir\"")); then
            echo '@@gone'; tail -c 2000 "$dir/output"; df -Pk "$dir" 2>&1 | tail -n 1; exit 0
          fi
          i=$((i + 1)); [ $i -gt 100 ] && { echo '@@pending'; exit 0; }; sleep 0.1
        done
        cat "$dir/log"
        for n in $(\(ApplyLog.failedStepNumbers(in: "\"$dir\""))); do
          echo "@@out $n"; cat "$dir/step-$n.out"
          [ -s "$dir/step-$n.out" ] || { printf 'no output was kept; free space where the run is: '; df -Pk "$dir" | awk 'NR == 2 { print $4 " KB" }'; }
        done
        echo '@@facts'
        exec "$@"
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
