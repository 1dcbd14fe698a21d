import TrunklineCore
import TrunklineEngine
import TrunklineInput
import TrunklineTemplate

/// A step as the playbook writes it: a name, one kind key with its arguments, and where it is.
public struct StepDefinition: Sendable {
    /// The step's position in its play, from 1.
    public var index: Int
    /// The step's name (if it has none, its first argument as written, else its kind's name).
    public var name: String
    /// The kind's name.
    public var kind: String
    /// The arguments as written, with their places.
    public var arguments: [String: Value]
    /// Where each argument is written.
    public var argumentLocations: [String: SourceLocation]
    /// Where the step is written.
    public var location: SourceLocation
    /// The step's `when:` expression, if any.
    public var when: String?
    /// Where its `when:` is written.
    public var whenLocation: SourceLocation?
    /// The handlers it notifies.
    public var notify: [String] = []
    /// A template that renders to all of the arguments at once (`libvirt_network: "{{ net }}"`),
    /// instead of `arguments`.
    public var argumentsTemplate: String?
    /// The step's `loop:` or `with_items:`, if it repeats.
    public var loop: StepLoop?
    /// The step's tags: its own, its role inclusion's and its play's, sorted.
    public var tags: [String] = []
    /// Where its templates find the templates they include, import and extend and the files
    /// they look up (its role's and its playbook's directories); nil: nowhere.
    public var searchPath: TemplateSearchPath?
    /// The step kind built once, when no argument holds a template: the same for every host.
    var constantKind: (any StepKind)?

    /// The step with `more` tags too.
    func tagged(_ more: [String]) -> StepDefinition {
        var tagged = self
        tagged.tags = Set(tags + more).sorted()
        return tagged
    }

    /// The steps built for one host: one, or one per item of the loop (each named
    /// `name (item=label)`, with the item among its variables, its `when:` decided per item);
    /// a loop without items is one skipped step, as Ansible skips it.
    public func instances(variables: [String: Value], origins: [String: ValueOrigin] = [:]) throws -> [StepInstance] {
        guard let loop else { return [try instance(variables: variables, origins: origins)] }
        let items = try loop.items(variables: variables, loader: loader)
        guard !items.isEmpty else { return [.skipped(index: index, name: name, kindName: kind, location: location)] }
        return try items.enumerated().map { position, item in
            let scoped = loop.variables(variables, item: item, position: position)
            var repetition = self
            repetition.loop = nil
            repetition.name = "\(name) (item=\(try loop.label(scoped, loader: loader)))"
            return try repetition.instance(variables: scoped, origins: origins)
        }
    }

    /// The step built for one host, its arguments rendered with the host's `variables`, its
    /// loop (if any) not repeated. A step whose `when:` uses no facts and does not hold is not
    /// built (it is skipped). Throws an `InputError` for invalid arguments or an undefined variable.
    public func instance(variables: [String: Value], origins: [String: ValueOrigin] = [:]) throws -> StepInstance {
        guard StepKinds.all[kind] != nil else { throw unknownKind }
        let condition = try when.map {
            try Condition($0, variables: variables, at: whenLocation ?? location, loader: loader)
        }
        if let condition, try condition.decidedWithoutFacts == false {
            return .skipped(index: index, name: name, kindName: kind, location: location)
        }
        return StepInstance(
            index: index, name: name, kind: try constantKind ?? builtKind(variables: variables, origins: origins),
            location: location, condition: condition, notify: notify)
    }

    /// The step kind with its arguments rendered with `variables`, whatever its `when:` says.
    func builtKind(variables: [String: Value], origins: [String: ValueOrigin] = [:]) throws -> any StepKind {
        guard let type = StepKinds.all[kind] else { throw unknownKind }
        do {
            return try type.init(
                StepArguments(
                    kind: kind, location: location, values: try rendered(variables), locations: argumentLocations))
        } catch let error as InputError {
            throw relocated(error, origins: origins)
        }
    }

    private var unknownKind: InputError {
        InputError(
            location, "unknown step kind '\(kind)'", hint: Suggestion.hint(for: kind, in: Array(StepKinds.all.keys)))
    }

    private var loader: TemplateLoader { searchPath?.loader ?? .none }

    private func rendered(_ variables: [String: Value]) throws -> [String: Value] {
        if let argumentsTemplate {
            let value = try Template.render(
                .string(argumentsTemplate), variables: variables, field: kind, at: location, loader: loader)
            guard case .map(let entries) = value else {
                throw InputError(
                    location, "the arguments of the \(kind) step must render to a mapping, not \(value.typeName)")
            }
            return entries
        }
        var rendered: [String: Value] = [:]
        for (key, value) in arguments {
            let value = try Template.render(
                value, variables: variables, field: "\(kind).\(key)", at: argumentLocations[key] ?? location,
                loader: loader)
            if value != .string(Template.omitPlaceholder) { rendered[key] = value }
        }
        return rendered
    }

    /// An error about part of a value that one variable supplied whole (`model: "{{ network }}"`)
    /// moved to where that part is written (a `host_vars/` line), naming the step that used it.
    private func relocated(_ error: InputError, origins: [String: ValueOrigin]) -> InputError {
        guard let field = error.field,
            let key = argumentLocations.first(where: { $0.value == error.location })?.key,
            case .string(let template)? = arguments[key],
            let variable = Template.loneVariable(template),
            let origin = origins[variable]
        else { return error }
        var moved = error
        moved.location = origin.location(at: field)
        moved.hint =
            (error.hint.map { $0 + "; " } ?? "")
            + "the value is \(variable).\(field), used by the \(kind) step at \(location)"
        return moved
    }
}
