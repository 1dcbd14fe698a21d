import ArgumentParser
import TrunklineCore
import TrunklineRun
import TrunklineTransport

/// `trunkline ping HOSTS...` or `trunkline ping -i INVENTORY PATTERN`: connect, authenticate and
/// run `true` on every host.
struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract:
            "Connect to hosts, log in and run `true`; print ok, unreachable, auth failed or host key refused per host.",
        discussion: "Exit status: 0, 4 if a host failed or was unreachable, 1 invalid input, 64 usage error."
            + HelpExample.section(
                "ping",
                [
                    HelpExample(
                        arguments: ["-i", "hosts.ini", "hypervisors"], purpose: "log in on every host of a group"),
                    HelpExample(arguments: ["root@hv01", "hv02:2222"], purpose: "hosts named on the command line"),
                ])
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var hostOptions: AdHocHostOptions
    @OptionGroup var parallelism: ParallelismOptions

    @Argument(
        help:
            "Hosts, each as host, user@host, host:port or user@[v6addr]:port; with -i, a host pattern of the inventory."
    )
    var hosts: [String]

    func run() async throws {
        let targets = try AdHocHostCommand.targets(hosts, options: hostOptions, connection: connection)
        let output = LineWriter()
        let outcomes = await BoundedParallelism.map(
            targets, limit: parallelism.forks,
            onResult: { host, outcome in
                await output.write(outcome.line(for: host.target))
            }
        ) { host in
            await HostProbe.ping(host.target, settings: host.settings)
        }
        if outcomes.contains(where: { !$0.succeeded }) { throw ExitCode(4) }
    }
}
