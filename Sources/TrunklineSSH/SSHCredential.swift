/// One way to authenticate, tried in the order the caller lists them.
public enum SSHCredential: Sendable, Equatable {
    /// The keys offered by the ssh-agent listening on `socket`.
    case agent(socket: String)
    /// A private key file (ed25519, ecdsa or rsa), with its passphrase if it is encrypted.
    case privateKey(path: String, passphrase: String?)
    /// A password. It is never logged or printed.
    case password(String)

    /// The SSH method name the server must allow for this credential.
    var method: String {
        switch self {
        case .agent, .privateKey: return "publickey"
        case .password: return "password"
        }
    }

    /// A label for reports; never includes a secret.
    public var label: String {
        switch self {
        case .agent(let socket): return "ssh-agent \(socket)"
        case .privateKey(let path, _): return "key \(path)"
        case .password: return "password"
        }
    }
}
