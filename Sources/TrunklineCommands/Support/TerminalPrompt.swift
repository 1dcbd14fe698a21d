import ArgumentParser
import Foundation

/// Reads secrets from the controlling terminal without echo (`getpass(3)`).
enum TerminalPrompt {
    /// Prompts for a secret; fails if standard input is not a terminal.
    static func secret(_ prompt: String) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError(
                "cannot prompt for a secret: standard input is not a terminal (use the environment variable instead)")
        }
        guard let answer = getpass(prompt) else { throw ValidationError("no answer to '\(prompt)'") }
        return String(cString: answer)
    }
}
