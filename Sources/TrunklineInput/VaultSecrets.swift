import Crypto
import Foundation
import TrunklineCore
import _CryptoExtras

/// The vault passwords given on the command line, and the reading of ansible-vault files and
/// inline `!vault` values (formats 1.1 and 1.2 with a vault id, AES256).
///
/// The format, as ansible-vault writes it: a header line `$ANSIBLE_VAULT;1.1;AES256` (or
/// `$ANSIBLE_VAULT;1.2;AES256;LABEL`), then the hex of `hex(salt) \n hex(hmac) \n
/// hex(ciphertext)`. PBKDF2-HMAC-SHA256 of the password and salt, 10,000 rounds, gives 80 bytes:
/// the AES-256 key, the HMAC-SHA256 key, and the CTR mode's initial counter. The plaintext is
/// PKCS#7-padded. Every decrypted text is recorded in `SecretValues`, so it is masked in what
/// Trunkline shows.
public struct VaultSecrets: Sendable {
    /// The passwords, each with its vault id (`default` for one without).
    public var passwords: [(label: String, password: String)] = []

    public init() {}

    public init(passwords: [(label: String, password: String)]) {
        self.passwords = passwords
    }

    static let header = "$ANSIBLE_VAULT;"
    static let tag = "!vault"

    /// Whether `text` is vaulted.
    public static func isVaulted(_ text: String) -> Bool { text.hasPrefix(header) }

    /// Parses the YAML in `text` (the contents of `file`), decrypting it first if vaulted, and
    /// its `!vault` values.
    public func load(_ text: String, file: String) throws -> YAMLNode? {
        let vaulted = Self.isVaulted(text)
        let plain = vaulted ? try decrypt(text, at: SourceLocation(file: file, line: 1, column: 1)) : text
        guard let node = try YAMLNode.parse(plain, file: file) else { return nil }
        // Every value of a vaulted file is a secret.
        if vaulted { SecretValues.add(every: node.value()) }
        return try decrypting(node)
    }

    /// `root` with its `!vault` values decrypted.
    public func decrypting(_ root: YAMLNode) throws -> YAMLNode {
        guard root.containsTag(Self.tag) else { return root }
        return try root.replacingScalars(tagged: Self.tag) { text, location in try decrypt(text, at: location) }
    }

    /// The plaintext of one vaulted text; errors are at `location` and never show a password.
    public func decrypt(_ vaulted: String, at location: SourceLocation) throws -> String {
        let lines = vaulted.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        guard let first = lines.first else { throw InputError(location, "an empty vaulted value") }
        let fields = first.split(separator: ";").map(String.init)
        guard fields.count >= 3, fields[0] == "$ANSIBLE_VAULT", ["1.1", "1.2"].contains(fields[1]) else {
            throw InputError(
                location,
                "not an ansible-vault text: the header must be $ANSIBLE_VAULT;1.1;AES256 or $ANSIBLE_VAULT;1.2;AES256;ID"
            )
        }
        guard fields[2] == "AES256" else {
            throw InputError(location, "not supported: vault cipher \(fields[2]) (only AES256)")
        }
        let label = fields.count >= 4 ? fields[3] : nil
        guard !passwords.isEmpty else {
            throw InputError(
                location,
                "this is encrypted with ansible-vault\(label.map { " (vault id \($0))" } ?? ""): give --vault-password-file, --vault-id or --ask-vault-pass"
            )
        }
        guard let envelope = Self.unhex(lines.dropFirst().joined()).flatMap({ String(bytes: $0, encoding: .ascii) })
        else {
            throw InputError(location, "the vaulted text is damaged: not hexadecimal")
        }
        let parts = envelope.split(separator: "\n").map(String.init)
        guard parts.count == 3, let salt = Self.unhex(parts[0]), let mac = Self.unhex(parts[1]),
            let ciphertext = Self.unhex(parts[2]),
            !ciphertext.isEmpty, ciphertext.count % 16 == 0
        else {
            throw InputError(location, "the vaulted text is damaged: it must hold a salt, an HMAC and the ciphertext")
        }
        // The password of the matching vault id first, then every other, as Ansible tries them.
        let ordered = passwords.filter { $0.label == label } + passwords.filter { $0.label != label }
        for (_, password) in ordered {
            let derived = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(password.utf8), salt: salt, using: .sha256,
                outputByteCount: 80, unsafeUncheckedRounds: 10_000)
            let bytes = derived.withUnsafeBytes { Array($0) }
            let cipherKey = SymmetricKey(data: bytes[0..<32]), macKey = SymmetricKey(data: bytes[32..<64])
            guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: ciphertext, using: macKey) else {
                continue
            }
            let padded = Array(
                try AES._CTR.decrypt(
                    ciphertext, using: cipherKey, nonce: try AES._CTR.Nonce(nonceBytes: bytes[64..<80])))
            guard let pad = padded.last, (1...16).contains(Int(pad)), padded.suffix(Int(pad)).allSatisfy({ $0 == pad }),
                let plaintext = String(bytes: padded.dropLast(Int(pad)), encoding: .utf8)
            else {
                throw InputError(location, "the vaulted text is damaged: bad padding after decryption")
            }
            SecretValues.add(plaintext)
            return plaintext
        }
        throw InputError(
            location,
            "cannot decrypt\(label.map { " (vault id \($0))" } ?? ""): no vault password given is the right one")
    }

    private static func unhex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
