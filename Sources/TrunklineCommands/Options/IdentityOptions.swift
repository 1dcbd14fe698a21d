import ArgumentParser

/// `-i/--identity` for the commands that take hosts on the command line (`ping`, `exec`), as
/// with ssh. Commands that take an inventory use `-i` for it, and `--identity` or
/// `--private-key` for keys, as with Ansible.
struct IdentityOptions: ParsableArguments {
    @Option(name: [.short, .customLong("identity")], help: "Private key file to try (repeatable). Default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa.")
    var identity: [String] = []
}
