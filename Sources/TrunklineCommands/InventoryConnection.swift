import TrunklineCore
import TrunklineTransport

/// A host's connection from its inventory variables, over the command line's defaults.
/// Trunkline's names and the Ansible spellings are both read: `host`/`ansible_host`,
/// `port`/`ansible_port`, `user`/`ansible_user`, `identity`/`ansible_ssh_private_key_file`,
/// `become`/`ansible_become`, and `known_hosts`.
enum InventoryConnection {
    /// The target and settings for `host`.
    static func resolve(_ host: String, variables: [String: Value], defaults: ConnectionSettings) -> (HostTarget, ConnectionSettings) {
        func text(_ names: String...) -> String? { names.lazy.compactMap { variables[$0]?.scalarText }.first }
        var settings = defaults
        if let user = text("user", "ansible_user") { settings.user = user }
        if let port = text("port", "ansible_port").flatMap(Int.init) { settings.port = port }
        if let identity = text("identity", "ansible_ssh_private_key_file") { settings.identityFiles = [identity] }
        if let knownHosts = text("known_hosts") { settings.knownHostsFiles = [knownHosts] }
        if let become = text("become", "ansible_become") { settings.become = become == "true" }
        return (HostTarget(name: host, address: address(of: host, variables: variables)), settings)
    }

    /// The address a host is reached at: `ansible_host` (or `host`), else its name.
    static func address(of host: String, variables: [String: Value]) -> String {
        ["host", "ansible_host"].lazy.compactMap { variables[$0]?.scalarText }.first ?? host
    }
}
