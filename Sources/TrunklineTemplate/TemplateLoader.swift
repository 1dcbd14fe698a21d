/// What a template reads from the controller by name: the templates that `include`, `import`
/// and `extends` name, and the files that `lookup('file', …)` reads.
public struct TemplateLoader: Sendable {
    /// The template named `name`, parsed and named for errors; nil if there is none.
    public let template: @Sendable (_ name: String) throws -> JinjaTemplate?
    /// The text of the file named `name`; nil if there is none.
    public let file: @Sendable (_ name: String) throws -> String?
    /// Where it looks, for the error about a name it does not find.
    public let searched: String

    /// A loader with these ways to find templates and files.
    public init(
        searched: String, template: @escaping @Sendable (String) throws -> JinjaTemplate?,
        file: @escaping @Sendable (String) throws -> String?
    ) {
        self.searched = searched
        self.template = template
        self.file = file
    }

    /// A loader that finds nothing (a template written inline, with no directory of its own).
    public static let none = TemplateLoader(searched: "nowhere: no template directory", template: { _ in nil }) { _ in
        nil
    }
}
