/// A template that cannot be read or rendered: what is wrong and where, as `name:line:column`.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public static func == (left: TemplateError, right: TemplateError) -> Bool {
        left.kind == right.kind && left.message == right.message && left.name == right.name && left.line == right.line
            && left.column == right.column
    }

    /// What kind of failure it is.
    public enum Kind: Sendable, Equatable {
        /// The template is not well formed.
        case syntax
        /// A name (or attribute, or key) that has no value was used; `name` is what was looked up.
        case undefined(name: String)
        /// An operation that does not apply to its operands, or a filter's argument out of place.
        case type
        /// A bound on the rendering (output size, loop iterations, steps, nesting) was passed.
        case limit
        /// `mandatory`, or a call the template made, failed.
        case failed
    }

    /// What kind of failure it is.
    public var kind: Kind
    /// What is wrong.
    public var message: String
    /// The template's name (a file, or the field holding it).
    public var name: String
    /// Where in the template, 1-based.
    public var line: Int, column: Int
    /// For an unknown filter or test: its name and the names there are (for "did you mean").
    public var unknown: (name: String, candidates: [String])?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, name: String = "template", line: Int = 1, column: Int = 1) {
        self.kind = kind
        self.message = message
        self.name = name
        self.line = line
        self.column = column
    }

    /// `name:line:column: message`.
    public var description: String { "\(name):\(line):\(column): \(message)" }

    /// The error placed at `position` of template `name`, unless it already has a place.
    func placed(at position: Position, in name: String) -> TemplateError {
        var copy = self
        if copy.name == "template" && copy.line == 1 && copy.column == 1 {
            copy.name = name
            copy.line = position.line
            copy.column = position.column
        }
        return copy
    }
}

extension TemplateError {
    func named(_ name: String) -> TemplateError {
        var copy = self
        if copy.name == "template" { copy.name = name }
        return copy
    }
}
