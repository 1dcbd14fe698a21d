/// A kind of step (`file`, `lines`, `sysctl`, …): built from its arguments for one host, it says
/// which facts it needs and plans, purely, the changes that would bring the host to the state
/// it describes. Planning cannot write: it only returns values.
public protocol StepKind: Sendable {
    /// The key that names the kind in a playbook.
    static var name: String { get }
    /// The arguments it accepts.
    static var parameters: [String] { get }
    /// Validates and takes its (already rendered) arguments.
    init(_ arguments: StepArguments) throws
    /// What it needs to know of the host.
    var needs: FactNeeds { get }
    /// True if it changes something on every run by design (a `command` without guards);
    /// such a step is not counted against convergence.
    var alwaysChanges: Bool { get }
    /// Why this step cannot be planned on a host with these facts (nil when it can); the host
    /// then fails before anything is changed.
    func precondition(_ facts: HostFacts) -> String?
    /// The changes from `facts` to the described state; empty when the host is already there.
    func plan(_ facts: HostFacts) -> [Change]
}

extension StepKind {
    public var alwaysChanges: Bool { false }
    public func precondition(_ facts: HostFacts) -> String? { nil }
}
