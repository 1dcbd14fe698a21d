import ArgumentParser
import TrunklineCore
import TrunklineTransport

/// What `ping` and `exec` share: their hosts resolved before any connection, bad input exiting
/// with its place (exit 1).
enum AdHocHostCommand {
    /// The hosts `words` name, as `options` read them, each with its settings over `connection`'s.
    static func targets(
        _ words: [String], options: AdHocHostOptions,
        connection: ConnectionOptions
    ) throws -> [(target: HostTarget, settings: ConnectionSettings)] {
        let defaults = try connection.settings(identity: options.identity)
        do {
            return try options.targets(words, defaults: defaults)
        } catch let error as InputError {
            throw InputErrorReport.exit(after: error)
        }
    }
}
