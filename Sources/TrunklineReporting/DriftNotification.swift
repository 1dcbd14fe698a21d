import Foundation

/// What a drift run tells a chat channel or an on-call hook, built from ``DriftFindings``: a
/// Slack/Mattermost-compatible `text` (the headline, the new and resolved drifts, the hosts not
/// checked, where the report is) and the same as data under `trunkline`
/// (schema `trunkline.drift-notification/1`).
public struct DriftNotification: Sendable, Encodable {
    /// The message for a chat channel.
    public var text: String
    /// The same as data.
    public var trunkline: DriftNotificationDetails

    /// The notification of `report`, pointing at `reportPath` (a path or URL) when given; nil
    /// when there is nothing to tell: nothing new, nothing resolved and every host checked.
    public init?(_ report: DriftReport, reportPath: String? = nil) {
        let findings = DriftFindings(report)
        guard findings.hasNews || !findings.unchecked.isEmpty else { return nil }
        let new = findings.new.map { NotifiedStep(play: $0.play, kind: $0.kind, name: $0.name, hosts: $0.hosts) }
        let resolved = findings.resolved.map {
            NotifiedStep(play: $0.play, kind: $0.kind, name: $0.name, hosts: $0.hosts)
        }
        let unchecked = findings.unchecked.map {
            NotifiedHost(host: $0.host, status: $0.status.rawValue, reason: $0.reason, downSince: $0.downSince?.id)
        }
        trunkline = DriftNotificationDetails(
            run: report.run.id, playbook: report.playbook, inventory: report.inventory, headline: findings.headline,
            report: reportPath, summary: report.summary, new: new, resolved: resolved, unchecked: unchecked)
        var lines = ["Trunkline drift \(report.run.id) (\(report.playbook)): \(findings.headline)"]
        lines += new.map { "• new: \($0.line)" } + resolved.map { "• resolved: \($0.line)" }
        lines += findings.unchecked.prefix(10).map {
            "• \($0.host) \($0.status.rawValue) \(DownTime.text($0, now: report.run))"
        }
        if findings.unchecked.count > 10 {
            lines.append("• … and \(findings.unchecked.count - 10) more hosts not checked")
        }
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
