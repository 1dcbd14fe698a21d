/// A notification as data (schema `trunkline.drift-notification/1`): the run, the headline, the
/// report's path, the counts, the new and resolved drifts by step, and the hosts not checked.
public struct DriftNotificationDetails: Sendable, Encodable {
    /// The schema's name and version.
    public var schema = "trunkline.drift-notification/1"
    /// The run, its playbook and inventory.
    public var run: String
    public var playbook: String
    public var inventory: String
    /// The report's headline, and where the HTML report is.
    public var headline: String
    public var report: String?
    /// The counts.
    public var summary: DriftSummary
    /// The new and the resolved drifts, by step; the hosts not checked.
    public var new: [NotifiedStep]
    public var resolved: [NotifiedStep]
    public var unchecked: [NotifiedHost]
}
