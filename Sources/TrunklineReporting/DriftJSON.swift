import Foundation

/// The report as JSON (`trunkline.drift/1`): keys sorted, dates in ISO 8601 (UTC).
public enum DriftJSON {
    /// The report's JSON bytes.
    public static func render(_ report: DriftReport) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(report)) + [0x0A]
    }

    /// A report read back from its JSON.
    public static func parse(_ bytes: [UInt8]) throws -> DriftReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(DriftReport.self, from: Data(bytes))
    }
}
