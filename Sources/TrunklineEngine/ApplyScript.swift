import Foundation
import TrunklineCore

/// A host's whole plan compiled into one POSIX shell script that runs on the host in one go,
/// detached from the SSH session. Each step runs in a subshell with `set -e`; its result goes
/// to a log on the host (`start N`, `ok N` or `failed N STATUS`, then `finished`), its output
/// to `step-N.out`. Files are written to a temporary name beside the target, given their mode
/// and owner, and renamed over it; every replaced or removed file is first copied under
/// `/var/lib/trunkline/backups/RUN-ID/`. The first failing step stops the script.
public enum ApplyScript {
    /// Where a run keeps its script, log and outputs on the host.
    public static func runDirectory(_ runID: String) -> String { "/var/lib/trunkline/runs/\(runID)" }

    /// Where a run keeps copies of the files it replaced.
    public static func backupDirectory(_ runID: String) -> String { "/var/lib/trunkline/backups/\(runID)" }

    /// The script for `steps` (index and changes of each step that changes something).
    public static func compile(runID: String, steps: [(index: Int, changes: [Change])]) -> String {
        let delimiter = "TRUNKLINE_DATA_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        var script = """
            #!/bin/sh
            # Written by Trunkline, run \(runID).
            run=\(ShellWord.quote(runDirectory(runID)))
            backups=\(ShellWord.quote(backupDirectory(runID)))
            log="$run/log"
            umask 022
            tl_backup() { if [ -e "$1" ]; then mkdir -p "$backups$(dirname "$1")" && cp -p -- "$1" "$backups$1"; fi; }
            tl_write() {
              tmp="$(dirname "$1")/.$(basename "$1").trunkline-$$"
              mkdir -p "$(dirname "$1")" && base64 -d > "$tmp" && chmod "$2" "$tmp" && chown "$3:$4" "$tmp" \\
                && tl_backup "$1" && mv -f -- "$tmp" "$1" || { rm -f -- "$tmp"; return 1; }
            }
            tl_remove() { tl_backup "$1" && rm -f -- "$1"; }

            """
        for step in steps {
            script += "echo 'start \(step.index)' >> \"$log\"\n(\nset -e\n"
            for effect in step.changes.flatMap(\.effects) { script += line(for: effect, delimiter: delimiter) }
            script += """
                ) > "$run/step-\(step.index).out" 2>&1 < /dev/null
                status=$?
                if [ $status -ne 0 ]; then echo "failed \(step.index) $status" >> "$log"; echo finished >> "$log"; exit 1; fi
                echo 'ok \(step.index)' >> "$log"

                """
        }
        return script + "echo finished >> \"$log\"\n"
    }

    private static func line(for effect: Effect, delimiter: String) -> String {
        switch effect {
        case .writeFile(let path, let contents, let attributes):
            let head = ShellWord.command(["tl_write", path, String(attributes.mode, radix: 8), attributes.owner ?? "root", attributes.group ?? "root"])
            return "\(head) <<'\(delimiter)'\n\(Data(contents).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]))\n\(delimiter)\n"
        case .removeFile(let path):
            return ShellWord.command(["tl_remove", path]) + "\n"
        case .setSysctl(let key, let value):
            return ShellWord.command(["sysctl", "-w", "\(key)=\(value)"]) + "\n"
        case .setHostname:
            return effect.command + "\n"
        case .run(let argv):
            return ShellWord.command(argv) + "\n"
        case .recordCheck:
            return ""
        case .ovs(let commands, _):
            return ShellWord.command(Effect.ovsTransaction(commands)) + "\n"
        }
    }
}
