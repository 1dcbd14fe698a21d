import Foundation

/// The report as JSON (`trunkline.drift/1`): keys sorted, dates in ISO 8601 UTC with
/// milliseconds (`2026-11-22T02:00:00.000Z`).
public enum DriftJSON {
    /// The report's JSON bytes.
    public static func render(_ report: DriftReport) throws -> [UInt8] {
        try render(value: report)
    }

    /// Any value as the reports' JSON is written: pretty, keys sorted, ISO 8601 times, a final newline.
    static func render(value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatter().string(from: date))
        }
        return Array(try encoder.encode(value)) + [0x0A]
    }

    /// A report read back from its JSON.
    public static func parse(_ bytes: [UInt8]) throws -> DriftReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = formatter().date(from: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an ISO 8601 time"))
            }
            return date
        }
        return try decoder.decode(DriftReport.self, from: Data(bytes))
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
