import Foundation

/// Where Ansible looks on the controller for what a template reads, as a `TemplateLoader`:
/// `include`, `import` and `extends` name a template in one of `templates` (for a role's
/// template: its own directory, the role's `templates/`, the role, the playbook's `templates/`
/// and the playbook's directory), read as Jinja's `FileSystemLoader` reads a name (relative to
/// each directory; a `..` part finds nothing); `lookup('file', NAME)` reads `BASE/files/NAME` or
/// `BASE/NAME` for each of `files` (the role, the playbook's directory), or an absolute path.
/// What it reads is read and parsed once, however many hosts render it.
public final class TemplateSearchPath: @unchecked Sendable {
    /// The directories a template name is looked up in, in order.
    public let templates: [String]
    /// The directories whose `files/` (and themselves) a file lookup looks in, in order.
    public let files: [String]
    private let lock = NSLock()
    private var parsed: [String: JinjaTemplate] = [:]
    private var texts: [String: String] = [:]

    /// A search path over these directories.
    public init(templates: [String], files: [String]) {
        self.templates = templates
        self.files = files
    }

    /// The loader that reads from these directories.
    public var loader: TemplateLoader {
        TemplateLoader(
            searched: templates.joined(separator: ", "), template: { [self] name in try template(name) },
            file: { [self] name in try file(name) })
    }

    private func template(_ name: String) throws -> JinjaTemplate? {
        let parts = name.split(separator: "/").filter { $0 != "." }
        guard !parts.isEmpty, !parts.contains("..") else { return nil }
        for directory in templates {
            let path = directory + "/" + parts.joined(separator: "/")
            if let known = lock.withLock({ parsed[path] }) { return known }
            guard let text = try read(path) else { continue }
            let template = try JinjaTemplate(text, name: path)
            lock.withLock { parsed[path] = template }
            return template
        }
        return nil
    }

    private func file(_ name: String) throws -> String? {
        let candidates = name.hasPrefix("/") ? [name] : files.flatMap { ["\($0)/files/\(name)", "\($0)/\(name)"] }
        for path in candidates { if let text = try read(path) { return text } }
        return nil
    }

    /// The text of the regular file at `path`, or that a symbolic link there leads to (read
    /// once), nil if there is none; an error if it cannot be read, is not UTF-8 or is larger than
    /// a template may render.
    private func read(_ path: String) throws -> String? {
        if let known = lock.withLock({ texts[path] }) { return known }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        guard (attributes[.size] as? Int ?? 0) <= RenderBudget.outputLimit else {
            throw TemplateError(.limit, "\(path) is larger than \(RenderBudget.outputLimit >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: target), let text = String(data: data, encoding: .utf8)
        else { throw TemplateError(.failed, "cannot read \(path) as UTF-8 text") }
        lock.withLock { texts[path] = text }
        return text
    }
}
