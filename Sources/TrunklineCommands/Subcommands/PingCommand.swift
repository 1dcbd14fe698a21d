import TrunklineRun
import ArgumentParser
import TrunklineCore
import TrunklineTransport

/// `trunkline ping HOSTS...`: connect, authenticate and run `true` on every host.
struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Connect to hosts, log in and run `true`; print ok, unreachable, auth failed or host key refused per host."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var parallelism: ParallelismOptions

    @Argument(help: "Hosts, each as host, user@host, host:port or user@[v6addr]:port.")
    var hosts: [String]

    func run() async throws {
        let targets = try hosts.map(HostTarget.init(parsing:))
        let settings = try connection.settings(identity: identity.identity)
        let output = LineWriter()
        let outcomes = await BoundedParallelism.map(targets, limit: parallelism.forks, onResult: { target, outcome in
            await output.write(outcome.line(for: target))
        }) { target in
            await HostProbe.ping(target, settings: settings)
        }
        if outcomes.contains(where: { !$0.succeeded }) { throw ExitCode(4) }
    }
}
