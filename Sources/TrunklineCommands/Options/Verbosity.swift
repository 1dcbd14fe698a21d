/// How much `check` and `apply` say beyond the steps, as ansible-playbook's `-v` count does:
/// each level shows what the ones before it do, and more.
enum Verbosity: Int, Comparable, Sendable {
    /// The steps, their changes and the recap.
    case normal = 0
    /// `-v`: each change's commands under it.
    case commands = 1
    /// `-vv`: each host's timings of its facts execs and apply scripts.
    case timings = 2
    /// `-vvv`: an SSH trace (connect, handshake, authentication, each exec's argv, exit status and bytes).
    case trace = 3

    /// The level `count` `-v` flags ask for (more than three is the trace).
    init(count: Int) {
        self = Verbosity(rawValue: min(max(count, 0), Verbosity.trace.rawValue)) ?? .normal
    }

    static func < (lhs: Verbosity, rhs: Verbosity) -> Bool { lhs.rawValue < rhs.rawValue }
}
