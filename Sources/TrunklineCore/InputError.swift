/// Invalid input (inventory, playbook, variables), found before any host is contacted.
/// It names the file, line and column, the field, what is wrong, and a likely fix if there is one.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String
    /// A likely fix ("did you mean 'ovs_options'?"), if there is one.
    public var hint: String?
    /// The part of an argument's value the error is about (`bridges.cloudbr0.address`), when it
    /// is inside a nested value; lets the error move to where that part is written.
    public var field: String?

    /// Creates an error.
    public init(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "\(location): error: \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}
