import GRDB

/// Inserts records many rows to a statement: as few statements as SQLite's limit on bound
/// values allows (999, the lowest any SQLite build has).
enum BatchInsert {
    static let valueLimit = 999

    /// Inserts `records` into their table, every column of it, each statement ending with
    /// `conflict` (an `ON CONFLICT` clause) when given.
    static func insert<Record: EncodableRecord & TableRecord>(
        _ records: [Record], onConflict conflict: String = "", in db: Database
    ) throws {
        guard !records.isEmpty else { return }
        let columns = try db.columns(in: Record.databaseTableName).map(\.name)
        let rowsPerStatement = max(1, valueLimit / columns.count)
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let head =
            "INSERT INTO \(Record.databaseTableName.quotedDatabaseIdentifier) (\(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", "))) VALUES "
        for start in stride(from: 0, to: records.count, by: rowsPerStatement) {
            let chunk = records[start..<min(start + rowsPerStatement, records.count)]
            var values: [(any DatabaseValueConvertible)?] = []
            for record in chunk {
                let row = try record.databaseDictionary
                values += columns.map { row[$0] ?? .null }
            }
            try db.execute(
                sql: head + Array(repeating: placeholders, count: chunk.count).joined(separator: ", ") + " " + conflict,
                arguments: StatementArguments(values))
        }
    }
}
