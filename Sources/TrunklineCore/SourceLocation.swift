/// A place in an input file: the file, and the 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's path as given.
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A place that is a whole file or a command-line flag (`-e @`, `--runs-dir DIR`) rather
    /// than a line in one, such as a file that cannot be read: printed as the name alone.
    public init(whole name: String) {
        self.init(file: name, line: 0, column: 0)
    }

    /// `file:line:column`, as compilers print it (the name alone for a whole file or a flag).
    public var description: String { line == 0 ? file : "\(file):\(line):\(column)" }
}
