import Foundation

/// What a drift run tells a chat channel or an on-call hook, built from ``DriftFindings``: a
/// Slack/Mattermost-compatible `text` (the headline, the new and resolved drifts, the hosts not
/// checked, where the report is) and the same as data under `trunkline`
/// (schema `trunkline.drift-notification/1`).
public struct DriftNotification: Sendable, Encodable {
    /// One step and the hosts it concerns.
    public struct Step: Sendable, Encodable, Equatable {
        public var play: String, kind: String, name: String, hosts: [String]
    }

    /// One host not checked, since when.
    public struct Host: Sendable, Encodable, Equatable {
        public var host: String, status: String, reason: String?, downSince: String?
        enum CodingKeys: String, CodingKey {
            case host, status, reason
            case downSince = "down_since"
        }
    }

    /// The structured part.
    public struct Details: Sendable, Encodable {
        public var schema = "trunkline.drift-notification/1"
        public var run: String, playbook: String, inventory: String, headline: String, report: String?
        public var summary: DriftSummary
        public var new: [Step], resolved: [Step], unchecked: [Host]
    }

    /// The message for a chat channel.
    public var text: String
    /// The same as data.
    public var trunkline: Details

    /// The notification of `report`, pointing at `reportPath` (a path or URL) when given; nil
    /// when there is nothing to tell: nothing new, nothing resolved and every host checked.
    public init?(_ report: DriftReport, reportPath: String? = nil) {
        let findings = DriftFindings(report)
        guard findings.hasNews || !findings.unchecked.isEmpty else { return nil }
        let new = findings.new.map { Step(play: $0.play, kind: $0.kind, name: $0.name, hosts: $0.hosts) }
        let resolved = findings.resolved.map { Step(play: $0.play, kind: $0.kind, name: $0.name, hosts: $0.hosts) }
        let unchecked = findings.unchecked.map { Host(host: $0.host, status: $0.status.rawValue, reason: $0.reason, downSince: $0.downSince?.id) }
        trunkline = Details(run: report.run.id, playbook: report.playbook, inventory: report.inventory, headline: findings.headline, report: reportPath,
                            summary: report.summary, new: new, resolved: resolved, unchecked: unchecked)
        var lines = ["Trunkline drift \(report.run.id) (\(report.playbook)): \(findings.headline)"]
        lines += new.map { "• new: \($0.kind): \($0.name) on \(DriftFindings.count($0.hosts.count, "host")): \(HostList.compact($0.hosts, limit: 5))" }
        lines += resolved.map { "• resolved: \($0.kind): \($0.name) on \(DriftFindings.count($0.hosts.count, "host")): \(HostList.compact($0.hosts, limit: 5))" }
        lines += findings.unchecked.prefix(10).map { "• \($0.host) \($0.status.rawValue) \(DownTime.text($0, now: report.run))" }
        if findings.unchecked.count > 10 { lines.append("• … and \(findings.unchecked.count - 10) more hosts not checked") }
        if let reportPath { lines.append("Report: \(reportPath)") }
        text = lines.joined(separator: "\n")
    }

    /// The JSON body a webhook receives.
    public func body() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
