/// Plans a host's steps, purely and in order: each step plans against the facts as the steps
/// before it will have left them, so a file written by one step and edited by a later one
/// composes. Planning only computes values; it cannot write to any host.
public enum Planner {
    /// Everything the steps need to know, for one gathering exec.
    public static func needs(of steps: [StepInstance]) -> FactNeeds {
        steps.reduce(FactNeeds()) { $0.union($1.kind.needs) }
    }

    /// The plan of every step, in order.
    public static func plan(_ steps: [StepInstance], facts: HostFacts) -> [PlannedStep] {
        var model = facts
        return steps.map { step in
            let changes = step.kind.plan(model)
            for effect in changes.flatMap(\.effects) { effect.apply(to: &model) }
            return PlannedStep(index: step.index, name: step.name, kind: type(of: step.kind).name,
                               changes: changes, alwaysChanges: step.kind.alwaysChanges)
        }
    }
}
