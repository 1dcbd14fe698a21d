import ArgumentParser

/// The flags of ansible-playbook that make `check` or `apply` do something else: validate the
/// playbook (`--syntax-check`), or list the plays' hosts and steps (`--list-hosts`,
/// `--list-tasks`), connecting to no host.
struct PlaybookModeOptions: ParsableArguments {
    @Flag(
        name: .customLong("syntax-check"),
        help: "Validate the inventory and playbook, as 'trunkline validate' does; connect to no host.")
    var syntaxCheck = false

    @Flag(name: .customLong("list-hosts"), help: "List each play's hosts (after --limit); connect to no host.")
    var listHosts = false

    @Flag(name: .customLong("list-tasks"), help: "List each play's steps; connect to no host.")
    var listTasks = false

    /// Does what these flags ask instead of the run, if they ask something; false if not.
    func runInstead(_ options: PlaybookRunOptions) throws -> Bool {
        if syntaxCheck {
            print(try ValidateCommand.summary(options))
            return true
        }
        guard listHosts || listTasks else { return false }
        let listing = PlaybookListing(playbook: options.playbook, hosts: listHosts, steps: listTasks)
        print(listing.lines(try PlaybookRunner.prepare(options)).joined(separator: "\n"))
        return true
    }
}
