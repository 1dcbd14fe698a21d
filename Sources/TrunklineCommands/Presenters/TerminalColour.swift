import Foundation

/// Whether output is painted with ANSI colours: `FORCE_COLOR` (set, not empty, not `0`) paints
/// even into a pipe, as Ansible's force_color does; else `NO_COLOR` (set, not empty) or
/// `TERM=dumb` leaves it plain; else only a terminal is painted.
enum TerminalColour {
    /// Whether what goes to `descriptor` is painted, with `environment`.
    static func enabled(
        for descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        enabled(isTerminal: isatty(descriptor) == 1, environment: environment)
    }

    /// Whether output to a terminal (`isTerminal`) or not is painted, with `environment`.
    static func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        if let force = environment["FORCE_COLOR"], !force.isEmpty { return force != "0" }
        if let none = environment["NO_COLOR"], !none.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal
    }
}
