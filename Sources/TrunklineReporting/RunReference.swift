import Foundation

/// A past or present run, as a report names it ("since run X at time T").
public struct RunReference: Sendable, Codable, Equatable {
    /// The run's ID.
    public var id: String
    /// When it started.
    public var startedAt: Date

    /// Creates a reference.
    public init(id: String, startedAt: Date) {
        self.id = id
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case startedAt = "started_at"
    }
}
