import Foundation
import TrunklineCore
import TrunklineEngine
import TrunklineInput
import TrunklineTemplate

/// Reads a playbook: a YAML list of plays, each with `name`, `hosts`, `vars`, `roles`, `steps`
/// and `handlers`; each step a mapping with an optional `name`, `when`, `notify` and `loop` (or
/// `with_items`, with `loop_control`), and exactly one step kind key holding its arguments. A role is `roles/NAME/` beside the playbook, with
/// `steps.yml`, `defaults.yml`, `handlers.yml` and `templates/` (for `file: {template: NAME}`),
/// included by name or as `{role: NAME, tags: […]}`. A play, a role inclusion and a step may have
/// `tags:` (a list, or a comma-separated string); a step has its own and those it is written under.
/// Every problem is an `InputError` naming file, line and column, found before any connection.
public enum PlaybookLoader {
    static let playKeys = [
        "name", "hosts", "vars", "roles", "steps", "handlers", "serial", "max_fail_percentage", "confirm_timeout",
        "tags",
    ]
    static let stepKeys = ["name", "when", "notify", "loop", "with_items", "loop_control", "tags"]
    static let roleKeys = ["role", "name", "tags"]

    /// The plays of the playbook at `path`; `vault` decrypts a vaulted playbook or role file
    /// and inline `!vault` values.
    public static func load(_ path: String, vault: VaultSecrets = VaultSecrets()) throws -> [Play] {
        guard let root = try vault.load(try InputFile.read(path), file: path) else {
            throw InputError(SourceLocation(file: path, line: 1, column: 1), "the playbook is empty")
        }
        let directory = InputPath.directory(of: path)
        return try root.sequence("a playbook").map { try play($0, directory: directory, vault: vault) }
    }

    private static func play(_ node: YAMLNode, directory: String, vault: VaultSecrets) throws -> Play {
        var name = "play", pattern: HostPattern?, variables: [String: Value] = [:], defaults: [String: Value] = [:]
        var serial: SerialSpec?, maxFailPercentage: Double?, confirmTimeout: Int?, origins: [String: ValueOrigin] = [:],
            tags: [String] = []
        var roleSteps: [StepDefinition] = [], ownSteps: [StepDefinition] = [], handlers: [StepDefinition] = []
        for (key, keyNode, value) in try node.mapping("a play") {
            switch key {
            case "name": name = try value.string("name")
            case "hosts": pattern = HostPattern(try value.string("hosts"), at: value.location)
            case "vars":
                variables = try value.mapping("vars").reduce(into: [:]) { $0[$1.key] = $1.value.value() }
                origins = value.origin().children
            case "steps": ownSteps = try steps(value, field: "steps", in: searchPath(role: nil, playbook: directory))
            case "serial": serial = try Self.serial(value)
            case "max_fail_percentage":
                guard case .int(let percent) = value.value(), (0...100).contains(percent) else {
                    throw InputError(value.location, "max_fail_percentage must be a whole number from 0 to 100")
                }
                maxFailPercentage = Double(percent)
            case "confirm_timeout":
                guard case .int(let seconds) = value.value(), (5...3600).contains(seconds) else {
                    throw InputError(value.location, "confirm_timeout must be a whole number of seconds from 5 to 3600")
                }
                confirmTimeout = seconds
            case "handlers":
                handlers += try steps(value, field: "handlers", in: searchPath(role: nil, playbook: directory))
            case "tags": tags = try Self.tags(value)
            case "roles":
                for roleNode in try value.sequence("roles") {
                    let (roleName, roleTags) = try inclusion(roleNode)
                    let role = try Role.load(roleName, from: directory, at: roleNode.location, vault: vault)
                    let search = searchPath(role: role.root, playbook: directory)
                    defaults.merge(role.defaults) { $1 }
                    roleSteps +=
                        try role.steps.map { try steps($0, field: "steps", in: search) }?.map { $0.tagged(roleTags) }
                        ?? []
                    handlers += try role.handlers.map { try steps($0, field: "handlers", in: search) } ?? []
                }
            default:
                throw InputError(
                    keyNode.location, "unknown key '\(key)' in a play",
                    hint: AnsibleNames.playKeyHint(key) ?? Suggestion.hint(for: key, in: playKeys)
                        ?? "a play has \(playKeys.joined(separator: ", "))")
            }
        }
        guard let pattern else { throw InputError(node.location, "the play '\(name)' needs 'hosts'") }
        let allSteps = (roleSteps + ownSteps).enumerated().map { offset, step in
            var numbered = step.tagged(tags)
            numbered.index = offset + 1
            return numbered
        }
        let numberedHandlers = handlers.enumerated().map { offset, handler in
            var numbered = handler
            numbered.index = allSteps.count + offset + 1
            return numbered
        }
        try checkNotifications(allSteps, handlers: numberedHandlers)
        return Play(
            name: name, hosts: pattern, variables: variables, origins: origins, steps: allSteps,
            handlers: numberedHandlers,
            defaults: defaults, serial: serial, maxFailPercentage: maxFailPercentage, confirmTimeout: confirmTimeout,
            tags: tags)
    }

    /// A role inclusion: `NAME`, or `{role: NAME, tags: […]}`; its name and tags.
    private static func inclusion(_ node: YAMLNode) throws -> (String, [String]) {
        guard node.isMapping else { return (try node.string("a role"), []) }
        var name: String?, tags: [String] = []
        for (key, keyNode, value) in try node.mapping("a role") {
            switch key {
            case "role", "name": name = try value.string(key)
            case "tags": tags = try Self.tags(value)
            default:
                throw InputError(
                    keyNode.location, "unknown key '\(key)' in a role inclusion",
                    hint: Suggestion.hint(for: key, in: roleKeys)
                        ?? "a role inclusion has \(roleKeys.joined(separator: ", "))")
            }
        }
        guard let name else { throw InputError(node.location, "a role inclusion needs 'role'") }
        return (name, tags)
    }

    /// `tags:` as Ansible reads it: a list of tags, or a string of comma-separated tags.
    private static func tags(_ node: YAMLNode) throws -> [String] {
        let words: [String]
        switch node.value() {
        case .list(let items): words = items.compactMap(\.scalarText)
        case .string(let text): words = text.split(separator: ",").map(String.init)
        case let value: words = value.scalarText.map { [$0] } ?? []
        }
        let tags = words.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !tags.isEmpty || node.value() == .list([]) else {
            throw InputError(node.location, "tags: must be a tag, a list of tags or a comma-separated string")
        }
        return tags
    }

    /// `serial: 1`, `serial: "10%"` or `serial: [1, 5, "25%"]`.
    private static func serial(_ node: YAMLNode) throws -> SerialSpec {
        let entries: [String]
        switch node.value() {
        case .list(let items): entries = items.map { $0.scalarText ?? "" }
        case let value: entries = [value.scalarText ?? ""]
        }
        do {
            return try SerialSpec(entries: entries)
        } catch let error as SerialSpecError {
            throw InputError(node.location, "serial: \(error)")
        }
    }

    /// Where Ansible's template module looks for what a role's (or a play's) templates include
    /// and look up: the role's `templates/` and the role, then the playbook's `templates/` and
    /// the playbook's directory; files in the role's and the playbook's `files/` and themselves.
    static func searchPath(role: String?, playbook: String) -> TemplateSearchPath {
        let bases = (role.map { [$0] } ?? []) + [playbook]
        return TemplateSearchPath(templates: bases.flatMap { [$0 + "/templates", $0] }, files: bases)
    }

    private static func steps(
        _ node: YAMLNode, field: String, in search: TemplateSearchPath
    ) throws
        -> [StepDefinition]
    {
        try node.sequence(field).enumerated().map { offset, node in
            let definition = try step(node, index: offset + 1, in: search)
            if field == "handlers", let loop = definition.loop {
                throw InputError(
                    loop.location, "a handler cannot have \(loop.keyword.rawValue):",
                    hint: "loop in a step instead, or write one handler per item")
            }
            return definition
        }
    }

    private static func checkNotifications(_ steps: [StepDefinition], handlers: [StepDefinition]) throws {
        let names = handlers.map(\.name)
        for step in steps {
            for handler in step.notify where !names.contains(handler) {
                throw InputError(
                    step.location, "step '\(step.name)' notifies '\(handler)', which is no handler of the play",
                    hint: Suggestion.hint(for: handler, in: names))
            }
        }
    }

    /// A `when:` as one expression: a string, a YAML boolean, or a list meaning all of its items.
    private static func condition(_ node: YAMLNode) throws -> String {
        guard node.isSequence else {
            if case .bool(let flag) = node.value() { return flag ? "True" : "False" }
            return try node.string("when")
        }
        let items = try node.sequence("when").map(condition)
        return items.count == 1 ? items[0] : items.map { "(\($0))" }.joined(separator: " and ")
    }

    private static func step(_ node: YAMLNode, index: Int, in search: TemplateSearchPath) throws -> StepDefinition {
        var name: String?, when: String?, whenLocation: SourceLocation?, notify: [String] = [], tags: [String] = []
        var kinds: [(String, YAMLNode, YAMLNode)] = [], loops: [StepLoop] = [], control: YAMLNode?
        for (key, keyNode, value) in try node.mapping("a step") {
            switch key {
            case "name": name = try value.string("name")
            case "when":
                when = try condition(value)
                whenLocation = value.location
            case "notify":
                notify =
                    value.isSequence
                    ? try value.sequence("notify").map { try $0.string("notify") } : [try value.string("notify")]
            case "loop_control": control = value
            case "tags": tags = try Self.tags(value)
            default:
                if let keyword = StepLoop.Keyword(rawValue: key) {
                    loops.append(StepLoop(keyword: keyword, items: value.value(), location: value.location))
                } else if key.hasPrefix("with_") {
                    throw InputError(
                        keyNode.location, "a step repeats with loop: or with_items:, not \(key):",
                        hint: "as in Ansible, with_dict: x is loop: \"{{ x | dict2items }}\", with_list: x is loop: x")
                } else {
                    kinds.append((key, keyNode, value))
                }
            }
        }
        let loop = try stepLoop(loops, control: control)
        guard kinds.count == 1, let (kind, keyNode, body) = kinds.first else {
            throw InputError(
                node.location,
                kinds.isEmpty
                    ? "the step names no step kind (one of \(StepKinds.all.keys.sorted().joined(separator: ", ")))"
                    : "a step has exactly one kind, not \(kinds.map(\.0).joined(separator: " and "))")
        }
        guard StepKinds.all[kind] != nil else {
            throw InputError(
                keyNode.location, "unknown step kind '\(kind)'",
                hint: AnsibleNames.moduleHint(kind)
                    ?? Suggestion.hint(for: kind, in: Array(StepKinds.all.keys) + stepKeys))
        }
        var arguments: [String: Value] = [:], locations: [String: SourceLocation] = [:], first: Value?
        if body.isScalar, case .string(let template) = body.value(), template.contains("{{") {
            var definition = StepDefinition(
                index: index, name: name ?? template, kind: kind, arguments: [:], argumentLocations: [:],
                location: keyNode.location)
            definition.argumentsTemplate = template
            definition.searchPath = search
            definition.when = when
            definition.whenLocation = whenLocation
            definition.notify = notify
            definition.loop = loop
            return definition.tagged(tags)
        }
        for (key, argumentKey, value) in try body.mapping("the arguments of the \(kind) step") {
            arguments[key] = value.value()
            locations[key] = argumentKey.location
            if first == nil { first = value.value() }
        }
        var search = search
        if kind == FileStep.name, let template = arguments["template"]?.scalarText {
            let (path, text) = try Role.template(
                template, in: search.templates, at: locations["template"] ?? keyNode.location)
            arguments["content"] = .string(text)
            locations["content"] = locations["template"]
            arguments["template"] = nil
            let directory = InputPath.directory(of: path)
            if directory != search.templates.first {
                search = TemplateSearchPath(templates: [directory] + search.templates, files: search.files)
            }
        }
        var definition = StepDefinition(
            index: index, name: name ?? unnamed(kind, first: first), kind: kind, arguments: arguments,
            argumentLocations: locations, location: keyNode.location)
        definition.searchPath = search
        definition.when = when
        definition.whenLocation = whenLocation
        definition.notify = notify
        definition.loop = loop
        // Arguments without templates are checked now and built once for every host; under a
        // `when:`, an error is reported for the hosts the step is built for.
        if !arguments.values.contains(where: Template.containsTemplate) {
            do { definition.constantKind = try definition.builtKind(variables: [:]) } catch  where when != nil {}
        }
        return definition.tagged(tags)
    }

    /// What names a step written without a name: its first argument as written (a list's items
    /// joined by spaces: `command: {argv: [systemctl, restart, ovs]}` is `systemctl restart ovs`),
    /// or, if that is a mapping, its kind.
    private static func unnamed(_ kind: String, first: Value?) -> String {
        switch first {
        case .list(let items) where !items.isEmpty && items.allSatisfy({ $0.scalarText != nil }):
            return items.compactMap(\.scalarText).joined(separator: " ")
        case let value?: return value.scalarText ?? kind
        case nil: return kind
        }
    }

    /// The step's one loop with its `loop_control:`; a loop whose items are written without
    /// templates is checked now.
    private static func stepLoop(_ loops: [StepLoop], control: YAMLNode?) throws -> StepLoop? {
        guard loops.count <= 1 else {
            throw InputError(
                loops[1].location,
                "a step has one loop, not \(loops.map(\.keyword.rawValue).joined(separator: " and "))")
        }
        guard var loop = loops.first else {
            if let control {
                throw InputError(control.location, "loop_control needs a loop: or with_items: on the step")
            }
            return nil
        }
        if let control { loop.control = try LoopControl(control) }
        if !Template.containsTemplate(loop.items) { _ = try loop.items(variables: [:]) }
        return loop
    }
}
