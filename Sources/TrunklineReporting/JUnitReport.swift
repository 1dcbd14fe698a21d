import TrunklineCore

/// The report as JUnit XML, so CI test trends follow each step on each host: one test suite
/// per host (with `timestamp`, `time` and `hostname`), one test case per checked step, passing
/// when in sync and failing with the changes and diffs when it drifts, its `classname`
/// `HOST.PLAY`; a host not checked has one erroring "reachable" case.
public enum JUnitReport {
    /// The XML document.
    public static func render(_ report: DriftReport) -> String {
        let e: (String) -> String = { MarkupText.escaped($0) }
        let failures = report.summary.driftedSteps, errors = report.summary.unreachable + report.summary.failed
        let tests = report.hosts.reduce(0) { $0 + caseCount($1) }
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"trunkline drift \(e(report.run.id))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(time(report))\">\n"
        for host in report.hosts {
            xml +=
                "  <testsuite name=\"\(e(host.host))\" hostname=\"\(e(host.host))\" timestamp=\"\(ReportTime.junit(report.run.startedAt))\" time=\"\(time(report))\" "
                + "tests=\"\(caseCount(host))\" failures=\"\(host.drifts.count)\" errors=\"\(host.status.wasChecked ? 0 : 1)\" skipped=\"0\">\n"
            xml +=
                host.status.wasChecked
                ? cases(host, now: report.run)
                : "    <testcase classname=\"\(e(host.host))\" name=\"reachable\">\n      <error message=\"\(e(host.status.rawValue)): \(e(host.reason ?? ""))\"/>\n    </testcase>\n"
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private static func caseCount(_ host: HostReport) -> Int {
        host.status.wasChecked ? host.inSyncSteps.count + host.drifts.count : 1
    }

    private static func time(_ report: DriftReport) -> String { String(format: "%.3f", report.durationSeconds) }

    /// The host's checked steps in playbook order (plays as first seen, steps by position).
    private static func cases(_ host: HostReport, now: RunReference) -> String {
        let e: (String) -> String = { MarkupText.escaped($0) }
        let steps: [(play: String, index: Int, kind: String, name: String, drift: DriftEntry?)] =
            host.inSyncSteps.map { ($0.play, $0.index, $0.kind, $0.name, nil) }
            + host.drifts.map { ($0.step.play, $0.step.index, $0.step.kind, $0.step.name, $0) }
        var plays: [String] = []
        for step in steps where !plays.contains(step.play) { plays.append(step.play) }
        return steps.sorted { (plays.firstIndex(of: $0.play)!, $0.index) < (plays.firstIndex(of: $1.play)!, $1.index) }
            .map { step in
                let open =
                    "    <testcase classname=\"\(e(host.host)).\(e(step.play))\" name=\"\(e(step.kind)): \(e(step.name))\""
                guard let entry = step.drift else { return open + "/>\n" }
                let body = entry.step.changes.map { $0.summary + ($0.diff.isEmpty ? "" : "\n" + $0.diff) }.joined(
                    separator: "\n")
                return open
                    + ">\n      <failure message=\"drift \(e(RelativeAge.since(entry.since, now: now)))\">\(e(body))</failure>\n    </testcase>\n"
            }.joined()
    }
}
