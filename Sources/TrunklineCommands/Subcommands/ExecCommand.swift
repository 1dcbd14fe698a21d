import ArgumentParser
import TrunklineCore
import TrunklineRun
import TrunklineTransport

/// `trunkline exec HOSTS... -- COMMAND...` or `trunkline exec -i INVENTORY PATTERN -- COMMAND...`:
/// an ad-hoc command on many hosts in parallel.
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command on many hosts in parallel; output is prefixed by host.",
        discussion: """
            The words after -- are the command's argv, each quoted for the remote shell. \
            For a shell pipeline, run a shell: trunkline exec h1 h2 -- sh -c 'uptime | cut -d, -f1'. \
            Standard output lines are shown as 'HOST | line', standard error as 'HOST ! line'. \
            With -i INVENTORY the words before -- are a host pattern of it: trunkline exec -i hosts.yml 'hv0*' -- uptime.
            """
                + HelpExample.section(
                    "exec",
                    [
                        HelpExample(
                            arguments: ["-i", "hosts.ini", "all", "--", "uptime"], purpose: "one command on every host"),
                        HelpExample(
                            arguments: ["hv01", "hv02", "--", "sh", "-c", "ovs-vsctl show | head"],
                            purpose: "a pipeline, through a shell"),
                    ])
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var hostOptions: AdHocHostOptions
    @OptionGroup var parallelism: ParallelismOptions

    @Option(name: .customLong("command-timeout"), help: "Seconds the command may run on each host.")
    var commandTimeout: Double = 600

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp(
            "Hosts (host, user@host, host:port; with -i, a host pattern of the inventory), then --, then the command and its arguments.",
            valueName: "hosts -- command"))
    var words: [String] = []

    /// The hosts: the words before `--`.
    var hosts: [String] { Array(words.prefix { $0 != "--" }) }

    /// The command's argv: the words after the first `--`.
    var command: [String] { Array(words.drop { $0 != "--" }.dropFirst()) }

    func validate() throws {
        // The words are captured whole, so the parser leaves a help flag among the hosts to us.
        if hosts.contains("--help") || hosts.contains("-h") { throw CleanExit.helpRequest(self) }
        guard words.contains("--"), !command.isEmpty else {
            throw ValidationError("give the command after --, e.g. trunkline exec host -- uptime")
        }
        guard !hosts.isEmpty else { throw ValidationError("give at least one host before --") }
    }

    func run() async throws {
        let targets = try AdHocHostCommand.targets(hosts, options: hostOptions, connection: connection)
        let remote = RemoteCommand(command, timeout: .milliseconds(Int64(commandTimeout * 1000)))
        let output = LineWriter()
        let outcomes = await BoundedParallelism.map(
            targets, limit: parallelism.forks,
            onResult: { host, outcome in
                await output.write(outcome.report(for: host.target))
            }
        ) { host in
            await ExecOutcome.run(remote, on: host.target, settings: host.settings)
        }
        if outcomes.contains(where: { !$0.succeeded }) { throw ExitCode(4) }
    }
}
