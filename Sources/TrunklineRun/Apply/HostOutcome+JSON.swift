import Foundation
import TrunklineEngine

extension HostOutcome {
    /// The outcome as `result.json` and `--format json` show it.
    public var jsonObject: [String: Any] {
        [
            "host": host,
            "failure": failure as Any,
            "reason": reason as Any,
            "unreachable": unreachable,
            "rolled_back": rolledBack,
            "rollback": rollback as Any,
            "confirmation_seconds": confirmation.map(HostTimings.seconds) as Any,
            "timings": timings.jsonObject,
            "connections": connections,
            "execs": execs,
            "reconnects": reconnects,
            "steps": steps.map { step in
                [
                    "index": step.step.index, "name": step.step.name, "kind": step.step.kind,
                    "status": step.status.rawValue,
                    "changes": step.step.changes.map {
                        ["summary": $0.summary, "diff": $0.diff, "commands": $0.commands]
                    },
                    "output": step.output as Any,
                    "seconds": step.seconds as Any,
                ] as [String: Any]
            },
            "did_not_converge": remaining.map(\.name),
            "reboot_pending": rebootPending as Any,
        ]
    }
}
