import ArgumentParser
import Foundation
import TrunklineCore

/// How invalid input ends a command: the error (file:line:column, field, hint) on standard
/// error, and exit status 1. Nothing has been sent to any host by then.
enum InputErrorReport {
    /// Prints `error` and returns the exit status to throw.
    static func exit(after error: InputError) -> ExitCode {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        return ExitCode(1)
    }
}
