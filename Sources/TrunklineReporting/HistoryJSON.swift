/// `trunkline history --format json` (schema `trunkline.history/1`): the query, the fleet's
/// nights and, with a host, what each run saw on it. Keys stable and sorted, every key present
/// (null where not asked), times ISO 8601 UTC with milliseconds.
public struct HistoryJSON: Sendable, Encodable {
    /// The schema's name and version.
    public var schema = "trunkline.history/1"
    /// What was asked.
    public var query: HistoryQuery
    /// The fleet run by run, oldest first.
    public var nights: [FleetNight]
    /// The host's result run by run, oldest first (empty without `--host`).
    public var hostNights: [HostNight]

    /// Creates the document.
    public init(query: HistoryQuery, nights: [FleetNight], hostNights: [HostNight]) {
        self.query = query
        self.nights = nights
        self.hostNights = hostNights
    }

    /// The document's bytes.
    public func render() throws -> [UInt8] {
        try DriftJSON.render(value: self)
    }

    enum CodingKeys: String, CodingKey {
        case schema, query, nights
        case hostNights = "host_nights"
    }
}
