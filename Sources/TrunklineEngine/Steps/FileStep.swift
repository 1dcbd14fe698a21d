import TrunklineCore

/// `file`: a whole file with its content (inline, or `template:` a file of the role's
/// `templates/`, rendered with the host's variables), mode, owner and group, or its absence.
public struct FileStep: StepKind {
    public static let name = "file"
    public static let parameters = ["path", "content", "state", "mode", "owner", "group"]

    let path: String
    let content: [UInt8]?
    let mode: Int32?
    let owner: String?
    let group: String?

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        path = try arguments.requiredString("path")
        guard path.hasPrefix("/") else {
            throw InputError(arguments.place("path"), "file.path must be absolute, not '\(path)'")
        }
        let state = try arguments.presence()
        let text = try arguments.string("content")
        if state == .present, text == nil {
            throw InputError(arguments.location, "a file step needs 'content' (or state: absent)")
        }
        content = state == .present ? Array((text ?? "").utf8) : nil
        mode = try arguments.mode("mode")
        owner = try arguments.string("owner")
        group = try arguments.string("group")
        if let text, InterfacesFileLint.applies(to: path) {
            try InterfacesFileLint.check(text, path: path, at: arguments.place("content"))
        }
    }

    public var needs: FactNeeds { FactNeeds(files: [path]) }

    public func plan(_ facts: HostFacts) -> [Change] {
        let current = facts.files[path] ?? .absent
        guard let content else {
            guard let old = current.text else { return [] }
            return [
                Change(summary: "remove \(path)", effects: [.removeFile(path: path)]) { [path] in
                    TextDiff.unified(old: old, new: nil, path: path)
                }
            ]
        }
        let wanted = FileContent.attributes(mode: mode, owner: owner, group: group, keeping: current)
        guard FileContent.differs(current, contents: content, attributes: wanted) else { return [] }
        return [FileContent.change(path: path, from: current, to: content, attributes: wanted)]
    }
}
