/// Plans a host's steps, purely and in order: each step plans against the facts as the steps
/// before it will have left them, so a file written by one step and edited by a later one
/// composes. A step whose `when:` does not hold is skipped. Handlers notified by a changing
/// step are planned once, after the steps, in their written order. Planning only computes
/// values; it cannot write to any host.
public enum Planner {
    /// Everything the steps and handlers need to know, for one gathering exec.
    public static func needs(of steps: [StepInstance], handlers: [StepInstance] = []) -> FactNeeds {
        (steps + handlers).reduce(FactNeeds()) { $0.union($1.kind?.needs ?? FactNeeds()) }
    }

    /// The plan of every step, then of every notified handler (`notified`: handlers already
    /// notified by steps planned before, as across a reboot).
    public static func plan(
        _ steps: [StepInstance], handlers: [StepInstance] = [], notified alreadyNotified: Set<String> = [],
        facts: HostFacts
    ) throws -> [PlannedStep] {
        var model = facts
        var notified = alreadyNotified
        var planned: [PlannedStep] = []
        for step in steps {
            let result = try plan(step, &model)
            if !result.changes.isEmpty { notified.formUnion(step.notify) }
            planned.append(result)
        }
        for handler in handlers where notified.contains(handler.name) {
            var result = try plan(handler, &model)
            result.isHandler = true
            planned.append(result)
        }
        return planned
    }

    private static func plan(_ step: StepInstance, _ model: inout HostFacts) throws -> PlannedStep {
        var planned = PlannedStep(
            index: step.index, name: step.name, kind: step.kindName,
            changes: [], alwaysChanges: step.kind?.alwaysChanges ?? false)
        guard let kind = step.kind else {
            planned.skipped = true
            return planned
        }
        if let condition = step.condition, try !condition.holds(for: model) {
            planned.skipped = true
            return planned
        }
        if let problem = kind.precondition(model) {
            throw PlanningFailure(description: "step \(step.index) (\(step.kindName): \(step.name)): \(problem)")
        }
        planned.changes = kind.plan(model)
        for effect in planned.changes.flatMap(\.effects) { effect.apply(to: &model) }
        return planned
    }
}
