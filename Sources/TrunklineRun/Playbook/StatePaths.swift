import Foundation

/// Where Trunkline keeps its state on the controller: `$XDG_STATE_HOME/trunkline`, else
/// `~/.local/state/trunkline`.
public enum StatePaths {
    public static var stateDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/trunkline" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/trunkline"
    }

    /// The default drift history database.
    public static var history: String { stateDirectory + "/history.sqlite" }
}
