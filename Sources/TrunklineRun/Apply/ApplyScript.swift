import Foundation
import TrunklineCore
import TrunklineEngine

/// A host's whole plan compiled into one POSIX shell script that runs on the host in one go,
/// detached from the SSH session. Each step runs in a subshell with `set -e`; its result goes
/// to the host's `ApplyLog`, its output
/// to `step-N.out`. Files are written to a temporary name beside the target, given their mode
/// and owner, and renamed over it; every replaced or removed file is first copied under
/// `/var/lib/trunkline/backups/RUN-ID/`; the file and its directory are synced before the step
/// reports ok. The first failing step stops the script, and the files that step wrote or removed
/// are put back as they were before it (the steps before it stay done: the built-in roles order
/// their steps so that the host boots after any prefix of them).
///
/// Before the first step the script takes the host's run lock (`flock` on
/// `/var/lib/trunkline/lock`, waiting a bounded time) and checks the free space its writes need
/// (`ApplyPreconditions`); either failing ends it with `locked` or `no-space` in the log and
/// nothing changed.
///
/// A plan that changes the network runs commit-confirmed (`ConfirmPolicy`): before the first
/// step the script records a rollback point (the OVSDB with `ovsdb-client backup`, the live
/// addresses and default route; files are backed up as they are replaced, and files it creates
/// are listed); after the last step it logs `awaiting-confirmation` and waits, detached from any
/// SSH session, for a new connection to create `confirmed` in the run directory. Without it in
/// time, or at once when a step fails after a network step has started, it restores files,
/// OVSDB, addresses and route, runs the activation commands again over the old files, tells the
/// gateway, and logs `rolled back: REASON`.
public enum ApplyScript {
    /// Where a run keeps its script, log and outputs on the host.
    public static func runDirectory(_ runID: String) -> String { "/var/lib/trunkline/runs/\(runID)" }

    /// The host's run lock: one run at a time.
    public static let lockPath = "/var/lib/trunkline/lock"

    /// Where a run keeps copies of the files it replaced.
    public static func backupDirectory(_ runID: String) -> String { "/var/lib/trunkline/backups/\(runID)" }

    /// How many earlier runs' backups a host keeps (the run's own comes on top): older ones are
    /// removed when a run takes the lock, so old file contents do not pile up at rest.
    public static let keptBackups = 5

    /// The script for `steps` (index and changes of each step that changes something).
    public static func compile(
        runID: String, steps: [(index: Int, changes: [Change])], confirm: ConfirmPolicy? = nil,
        preconditions: ApplyPreconditions? = nil
    ) -> String {
        let delimiter = "TRUNKLINE_DATA_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        var script = """
            #!/bin/sh
            # Written by Trunkline, run \(runID).
            run=\(ShellWord.quote(runDirectory(runID)))
            backups=\(ShellWord.quote(backupDirectory(runID)))
            lock=\(ShellWord.quote(lockPath))
            log="$run/log"
            # Nothing that holds file contents stays at rest: the script (every new file's bytes)
            # goes at once, sh reading on from its open descriptor; the failed-step copies at exit.
            rm -f "$run/apply.sh"
            trap 'rm -rf "$run/step"' EXIT
            umask 022
            tl_noted() { [ -f "$run/$1" ] && grep -qxF -- "$2" "$run/$1"; }
            tl_note() { tl_noted "$1" "$2" || echo "$2" >> "$run/$1"; }
            tl_backup() {
              tl_step_backup "$1" || return 1
              tl_noted replaced "$1" || tl_noted created "$1" && return 0
              if [ -e "$1" ]; then mkdir -p "$backups$(dirname "$1")" && cp -p -- "$1" "$backups$1" && echo "$1" >> "$run/replaced"
              else echo "$1" >> "$run/created"; fi
            }
            tl_step_backup() {
              tl_noted step/touched "$1" && return 0
              if [ -e "$1" ]; then mkdir -p "$run/step/old$(dirname "$1")" \\
                && { ln -f -- "$1" "$run/step/old$1" 2>/dev/null || cp -p -- "$1" "$run/step/old$1"; } || return 1
              fi
              echo "$1" >> "$run/step/touched"
            }
            tl_now() { read -r tl_up _ 2>/dev/null < /proc/uptime || tl_up=; }
            tl_step_begin() { rm -rf "$run/step"; mkdir -p "$run/step"; tl_now; \(ApplyLog.Marker.start.append("$1", "$tl_up")); }
            tl_step_restore() {
              [ -f "$run/step/touched" ] || return 0
              while IFS= read -r f; do
                if [ -e "$run/step/old$f" ]; then cp -p -- "$run/step/old$f" "$f.trunkline-restore" && mv -f -- "$f.trunkline-restore" "$f"
                else rm -f -- "$f"; fi
              done < "$run/step/touched"
              \(ApplyLog.Marker.restored.append("$1"))
            }
            tl_sync() { sync -- "$1" 2>/dev/null || sync; }
            tl_write() {
              tmp="$(dirname "$1")/.$(basename "$1").trunkline-$$"
              mkdir -p "$(dirname "$1")" && base64 -d > "$tmp" && chmod "$2" "$tmp" && chown "$3:$4" "$tmp" && tl_sync "$tmp" \\
                && tl_backup "$1" && mv -f -- "$tmp" "$1" && tl_sync "$(dirname "$1")" || { rm -f -- "$tmp"; return 1; }
            }
            tl_remove() { tl_backup "$1" && rm -f -- "$1" && tl_sync "$(dirname "$1")"; }
            tl_prune_backups() {
              ls -1 "${backups%/*}" 2>/dev/null | grep -E '^[0-9]{8}T[0-9]{6}Z-[0-9a-z-]+$' | sort -r | tail -n +"$(($1 + 1))" \\
                | while IFS= read -r old; do rm -rf -- "${backups%/*}/$old"; done
            }
            tl_refuse() { echo "$1" >> "$log"; \(ApplyLog.Marker.finished.append()); exit 1; }
            tl_lock() {
              command -v flock > /dev/null || return 0
              exec 9> "$lock" && flock -w "$1" 9 || tl_refuse "\(ApplyLog.Marker.locked.rawValue) $1"
            }
            tl_space() {
              need=$1; shift
              for d in "$@"; do
                while [ ! -d "$d" ]; do d=$(dirname "$d"); done
                free=$(df -Pk "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
                [ -z "$free" ] || [ "$free" -ge "$need" ] || tl_refuse "\(ApplyLog.Marker.noSpace.rawValue) $d $need $free"
              done
            }

            """
        if let preconditions {
            script += ShellWord.command(["tl_lock", String(preconditions.lockWait)]) + "\n"
            script += ShellWord.command(["tl_prune_backups", String(Self.keptBackups)]) + "\n"
            script +=
                ShellWord.command(["tl_space", String(preconditions.neededKilobytes)] + preconditions.directories)
                + "\n"
        }
        if confirm != nil { script += rollbackFunctions + "tl_rollback_point\n" }
        for step in steps {
            if confirm?.networkSteps.contains(step.index) == true { script += "network_touched=1\n" }
            script += "tl_step_begin \(step.index)\n(\nset -e\n"
            for effect in step.changes.flatMap(\.effects) { script += line(for: effect, delimiter: delimiter) }
            script += """
                ) > "$run/step-\(step.index).out" 2>&1 < /dev/null
                status=$?
                tl_now
                if [ $status -ne 0 ]; then \(ApplyLog.Marker.failed.append(String(step.index), "$status", "$tl_up")); tl_step_restore \(step.index); \(confirm == nil ? "" : "tl_failed \(step.index); ")\(ApplyLog.Marker.finished.append()); exit 1; fi
                \(ApplyLog.Marker.ok.append(String(step.index), "$tl_up"))

                """
        }
        guard let confirm else { return script + ApplyLog.Marker.finished.append() + "\n" }
        return script + "tl_await_confirmation \(confirm.timeout)\n"
    }

    /// The shell functions of a commit-confirmed run.
    static let rollbackFunctions = #"""
        network_touched=0
        tl_rollback_point() {
          mkdir -p "$run/rollback"
          ip -o -4 addr show > "$run/rollback/addresses" 2>/dev/null || :
          ip -4 route show default > "$run/rollback/routes" 2>/dev/null || :
          if command -v ovsdb-client > /dev/null && ovsdb-client --timeout=30 backup > "$run/rollback/ovsdb.tmp" 2>/dev/null; then
            mv -f "$run/rollback/ovsdb.tmp" "$run/rollback/ovsdb"
          else rm -f "$run/rollback/ovsdb.tmp"; fi
        }
        tl_addresses() { awk '$3 == "inet" { sub(/@.*/, "", $2); print $2, $4 }' "$1"; }
        tl_restore_addresses() {
          [ -s "$run/rollback/addresses" ] || { echo "no address snapshot: addresses left as they are"; return 0; }
          # Open vSwitch makes its internal ports again after the OVSDB restore, in its own time.
          for dev in $(tl_addresses "$run/rollback/addresses" | cut -d' ' -f1 | sort -u); do
            i=0; while [ ! -e "/sys/class/net/$dev" ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
          done
          ip -o -4 addr show > "$run/rollback/addresses.now" 2>/dev/null
          tl_addresses "$run/rollback/addresses.now" | while read -r dev cidr; do
            tl_addresses "$run/rollback/addresses" | grep -qxF "$dev $cidr" || ip addr del "$cidr" dev "$dev"
          done
          tl_addresses "$run/rollback/addresses" | while read -r dev cidr; do
            ip link set dev "$dev" up 2>/dev/null; ip addr replace "$cidr" dev "$dev"
          done
          i=0
          while [ $i -lt 10 ] && ip -4 route show default | grep -q .; do ip route del default || break; i=$((i + 1)); done
          while read -r route; do [ -n "$route" ] && ip route replace $route; done < "$run/rollback/routes"
          for gateway in $(awk '{ for (i = 1; i < NF; i++) if ($i == "via") print $(i + 1) }' "$run/rollback/routes"); do
            ping -c 1 -W 1 "$gateway" > /dev/null 2>&1 || :
          done
        }
        tl_rollback() {
          \#(ApplyLog.Marker.rollingBack.append("$1"))
          {
            echo "== rollback: $1"
            if [ -f "$run/created" ]; then while IFS= read -r f; do echo "remove $f"; rm -f -- "$f"; done < "$run/created"; fi
            if [ -f "$run/replaced" ]; then while IFS= read -r f; do echo "restore $f"; cp -p -- "$backups$f" "$f"; done < "$run/replaced"; fi
            if [ -f "$run/rollback/ovsdb" ]; then echo "restore the OVSDB"; ovsdb-client --timeout=30 restore < "$run/rollback/ovsdb"; fi
            if [ -f "$run/activations" ]; then
              while IFS= read -r command; do echo "again: $command"; sh -c "$command" < /dev/null; done < "$run/activations"
            fi
            echo "restore addresses and routes"; tl_restore_addresses
          } >> "$run/rollback.log" 2>&1
          \#(ApplyLog.Marker.rolledBack.append("$1"))
        }
        tl_failed() { if [ "$network_touched" = 1 ]; then tl_rollback "step $1 failed after the network was changed"; fi; }
        tl_await_confirmation() {
          \#(ApplyLog.Marker.awaitingConfirmation.append("$1"))
          \#(ApplyLog.Marker.finished.append())
          deadline=$(($(date +%s) + $1))
          while [ ! -e "$run/confirmed" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
          if [ -e "$run/confirmed" ]; then \#(ApplyLog.Marker.confirmed.append()); rm -f "$run/rollback/ovsdb"
          else tl_rollback "no confirmation within $1 s"; fi
          \#(ApplyLog.Marker.done.append())
        }

        """#

    /// The script's lines for `effect`: files through the helpers that keep backups, a command
    /// that regenerates state from files noted for a rollback, every other command as the
    /// effect renders it.
    private static func line(for effect: Effect, delimiter: String) -> String {
        switch effect {
        case .writeFile(let path, let contents, let attributes):
            let head = ShellWord.command([
                "tl_write", path, String(attributes.mode, radix: 8), attributes.owner ?? "root",
                attributes.group ?? "root",
            ])
            return
                "\(head) <<'\(delimiter)'\n\(Data(contents).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]))\n\(delimiter)\n"
        case .removeFile(let path):
            return ShellWord.command(["tl_remove", path]) + "\n"
        case .run(let argv) where Effect.regeneratesFromFiles(argv):
            // A rollback brings the old files live again with the same command (noted first: a
            // command that fails halfway has changed the live state too).
            return ShellWord.command(["tl_note", "activations", ShellWord.command(argv)]) + "\n"
                + ShellWord.command(argv) + "\n"
        case .setSysctl, .setHostname, .run, .ovs, .liveNetwork, .recordCheck, .recordPackages, .recordUnit, .reboot:
            return effect.argvs.map { ShellWord.command($0) + "\n" }.joined()
        }
    }
}
