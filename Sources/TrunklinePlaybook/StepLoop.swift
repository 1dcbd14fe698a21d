import TrunklineCore
import TrunklineInput
import TrunklineTemplate

/// A step's `loop:` or `with_items:`: the items it repeats over, a template or a YAML list
/// rendered per host with the host's variables, and its `loop_control:`.
public struct StepLoop: Sendable {
    /// How the loop is written.
    public enum Keyword: String, Sendable, CaseIterable {
        /// `loop:`: the value must be a list.
        case loop
        /// `with_items:`: a list whose lists are flattened one level; any other scalar is one item.
        case withItems = "with_items"
    }

    /// How the loop is written.
    public var keyword: Keyword
    /// The items as written: a template or a list (whose strings may be templates).
    public var items: Value
    /// Where the items are written.
    public var location: SourceLocation
    /// The names the item, its position and the repetition take.
    public var control = LoopControl()

    /// A loop over `items`, written at `location`.
    public init(keyword: Keyword, items: Value, location: SourceLocation) {
        self.keyword = keyword
        self.items = items
        self.location = location
    }

    /// The items for a host with `variables`, as Ansible reads them; a value that is no list
    /// (a mapping or null; for `loop:` any scalar too) is an error where the loop is written.
    public func items(variables: [String: Value], loader: TemplateLoader = .none) throws -> [Value] {
        let value = try Template.render(
            items, variables: variables, field: keyword.rawValue, at: location, loader: loader)
        switch (keyword, value) {
        case (.loop, .list(let items)):
            return items
        case (.withItems, .list(let items)):
            return items.flatMap { item -> [Value] in if case .list(let inner) = item { inner } else { [item] } }
        case (_, .map):
            throw InputError(
                location, "\(keyword.rawValue): must be a list, not a mapping",
                hint:
                    "to repeat the step per entry, write \(keyword.rawValue): \"{{ … | dict2items }}\" and use item.key and item.value"
            )
        case (.withItems, .string), (.withItems, .int), (.withItems, .double), (.withItems, .bool):
            return [value]
        case (.loop, _), (.withItems, .null):
            throw InputError(
                location,
                "\(keyword.rawValue): must be a list, not \(value.typeName)"
                    + (value.scalarText.map { " ('\($0)')" } ?? ""))
        }
    }

    /// The variables of the repetition for `item` at `position` (from 0).
    func variables(_ variables: [String: Value], item: Value, position: Int) -> [String: Value] {
        var scoped = variables
        scoped[control.variable] = item
        if let indexVariable = control.indexVariable { scoped[indexVariable] = .int(position) }
        return scoped
    }

    /// What names the repetition with `variables` (those of `variables(_:item:position:)`):
    /// the rendered label, or the item as `{{ }}` writes it.
    func label(_ variables: [String: Value], loader: TemplateLoader = .none) throws -> String {
        try Template.text(
            control.label ?? "{{ \(control.variable) }}", variables: variables, field: "loop_control.label",
            at: control.labelLocation ?? location, loader: loader)
    }
}
