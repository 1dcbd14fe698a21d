/// The report as JUnit XML, so a CI job shows drift as failing tests: one test suite per
/// host, one test case per drifted step (a failure with the changes and diffs), a passing
/// "in sync" case for a host without drift, and an error case for a host not checked.
public enum JUnitReport {
    /// The XML document.
    public static func render(_ report: DriftReport) -> String {
        let e = MarkupText.escape
        let failures = report.summary.driftedSteps, errors = report.summary.unreachable + report.summary.failed
        let tests = report.hosts.reduce(0) { $0 + max(1, $1.drifts.count) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"trunkline drift \(e(report.run.id))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(String(format: "%.3f", report.durationSeconds))\">\n"
        for host in report.hosts {
            let name = e(host.host)
            xml += "  <testsuite name=\"\(name)\" tests=\"\(max(1, host.drifts.count))\" failures=\"\(host.drifts.count)\" errors=\"\(host.status.wasChecked ? 0 : 1)\">\n"
            switch host.status {
            case .inSync:
                xml += "    <testcase classname=\"\(name)\" name=\"in sync\"/>\n"
            case .unreachable, .failed:
                xml += "    <testcase classname=\"\(name)\" name=\"reachable\">\n      <error message=\"\(e(host.status.rawValue)): \(e(host.reason ?? ""))\"/>\n    </testcase>\n"
            case .drifted:
                for entry in host.drifts {
                    let body = entry.step.changes.map { $0.summary + ($0.diff.isEmpty ? "" : "\n" + $0.diff) }.joined(separator: "\n")
                    xml += "    <testcase classname=\"\(name)\" name=\"\(e(entry.step.kind)): \(e(entry.step.name))\">\n"
                        + "      <failure message=\"drift \(e(ReportTime.since(entry)))\">\(e(body))</failure>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }
}
