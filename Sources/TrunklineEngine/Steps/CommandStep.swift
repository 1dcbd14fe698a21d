import TrunklineCore

/// `command`: runs an argv (`argv: [..]`) or a shell line (`shell: "..."`, run by `sh -c`).
/// Guards make it idempotent: `creates: PATH` skips it once PATH exists, `unless: [argv]`
/// skips it when that command exits 0. Both guards run while facts are gathered, so in `check`
/// and `drift` too (as an Ansible task with `check_mode: false`): `creates` is a read-only
/// `test -e`, and an `unless` command must be read-only itself, since check mode runs it for real.
public struct CommandStep: StepKind {
    public static let name = "command"
    public static let parameters = ["argv", "shell", "creates", "unless"]

    let argv: [String]
    let creates: String?
    let unless: [String]?

    public init(_ arguments: StepArguments) throws {
        try arguments.onlyKnown(Self.parameters)
        let argv = try arguments.strings("argv")
        let shell = try arguments.string("shell")
        switch (argv, shell) {
        case (let argv?, nil) where !argv.isEmpty: self.argv = argv
        case (nil, let shell?): self.argv = ["sh", "-c", shell]
        default:
            throw InputError(
                arguments.location, "a command step needs exactly one of 'argv' (a non-empty list) or 'shell'")
        }
        creates = try arguments.string("creates")
        unless = try arguments.strings("unless")
        if unless?.isEmpty == true {
            throw InputError(arguments.place("unless"), "command.unless must be a non-empty argv list")
        }
    }

    public var needs: FactNeeds { FactNeeds(checks: Set(guards)) }

    public var alwaysChanges: Bool { guards.isEmpty }

    private var guards: [[String]] {
        (creates.map { [["test", "-e", $0]] } ?? []) + (unless.map { [$0] } ?? [])
    }

    public func plan(_ facts: HostFacts) -> [Change] {
        if guards.contains(where: { facts.checks[$0] == 0 }) { return [] }
        return [Change(summary: "run \(ShellWord.command(argv))", effects: [.run(argv)])]
    }
}
