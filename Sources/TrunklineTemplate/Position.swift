/// A place in a template's text: 1-based line and column.
struct Position: Sendable, Equatable {
    var line: Int
    var column: Int

    static let start = Position(line: 1, column: 1)
}
