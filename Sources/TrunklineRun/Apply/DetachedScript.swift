import Foundation
import TrunklineCore

/// How an apply script runs on a host, apart from any SSH session, in one exec while the
/// connection lives: it uploads the script atomically into its private run directory, starts it
/// with `setsid`, waits for its `ApplyLog` to say `finished` (or for the script to die), and then
/// prints the log, the failed steps' outputs and the host's facts gathered afresh. The wait is
/// bounded by the script itself and by the connection's liveness, not by a fixed exec timeout:
/// the SSH layer keeps sending keepalives under the silent exec and takes the connection as dead
/// only when the server answers nothing for `ServerAliveInterval × ServerAliveCountMax` (a cut
/// link sends no reset), or when the socket fails. Only then does the wait reconnect and go on
/// in a new exec; the script never depends on the connection. The one hard bound is `timeout`,
/// the apply's own limit.
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
        let deadline = ContinuousClock.now + timeout
        let output: CommandOutput
        do {
            output = try await remote.run(
                RemoteCommand(
                    ["sh", "-c", Self.launcher, "sh", directory] + facts.argv,
                    stdin: Array(script.utf8), timeout: timeout))
        } catch let failure as ConnectionFailure where failure.kind == .timeout {
            throw unfinished
        } catch let failure as ConnectionFailure where failure.kind == .unreachable {
            // The connection dropped while the script was started or waited for: the script, if
            // it started, goes on, and its process ID is in the run directory.
            await remote.close()
            return try await wait(remote: &remote, until: deadline)
        }
        let text = output.stdoutText
        guard text.hasPrefix("@@pid "), Int(text.dropFirst("@@pid ".count).prefix { $0.isNumber }) != nil else {
            throw HostRunFailure(
                description:
                    "cannot start the apply script: \(output.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        let rest = CommandOutput(
            stdout: Array(text.drop { $0 != "\n" }.dropFirst().utf8), stderr: output.stderr,
            exitStatus: output.exitStatus, exitSignal: output.exitSignal)
        return try ending(rest)
    }

    /// Connects again and waits, in one exec per connection, reconnecting after a dead
    /// connection, until `deadline`; the script's process ID is read from the run directory.
    private func wait(remote: inout any RemoteHost, until deadline: ContinuousClock.Instant) async throws -> Ending {
        let argv = ["sh", "-c", Self.continuation, "sh", directory] + facts.argv
        var connected = false, reconnects = 0
        while ContinuousClock.now < deadline {
            do {
                if !connected {
                    remote = try await connect()
                    connected = true
                    reconnects += 1
                }
                let command = RemoteCommand(argv, timeout: ContinuousClock.now.duration(to: deadline))
                var ending = try ending(try await remote.run(command))
                ending.reconnects = reconnects
                return ending
            } catch let failure as ConnectionFailure where failure.kind == .timeout && connected {
                throw unfinished
            } catch let failure as ConnectionFailure where failure.kind == .unreachable || failure.kind == .timeout {
                if connected { await remote.close() }
                connected = false
                try await Task.sleep(for: .seconds(1))
            }
        }
        throw unfinished
    }

    /// The failure of a script still running when `timeout` has passed.
    private var unfinished: HostRunFailure {
        HostRunFailure(description: "the apply script did not finish within \(timeout)")
    }

    /// The ending in a waiter's output.
    private func ending(_ output: CommandOutput) throws -> Ending {
        let text = output.stdoutText
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

    /// Waits for the script (`$1` the run directory, which holds its process ID, the facts
    /// command after it); `@@unstarted` if it never started.
    private static let continuation = """
        dir=$1
        pid=$(cat "$1/pid" 2>/dev/null)
        shift
        [ -n "$pid" ] || { echo '@@unstarted'; exit 0; }
        \(waiter)
        """

    /// Waits for `finished` in the log, as long as the script lives; then prints the log, each
    /// failed step's output after an `@@out N` line, and `@@facts` followed by the facts
    /// command's output. `@@gone` if the script died without finishing its log (with the tail
    /// of its output and the free space).
    private static let waiter = """
        while ! \(ApplyLog.holds(.finished, in: "\"$dir\"")); do
          if ! kill -0 "$pid" 2>/dev/null && ! \(ApplyLog.holds(.finished, in: "\"$dir\"")); then
            echo '@@gone'; tail -c 2000 "$dir/output"; df -Pk "$dir" 2>&1 | tail -n 1; exit 0
          fi
          sleep 0.1
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
