import Foundation

/// Facts about a private key file that decide whether a passphrase is needed.
public enum PrivateKeyFile {
    /// True if the key at `path` is encrypted: a PEM key with `ENCRYPTED` in its header, or an
    /// OpenSSH-format key (`openssh-key-v1`) whose cipher is not `none`.
    public static func isEncrypted(at path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        if text.contains("ENCRYPTED") { return true }
        guard text.contains("BEGIN OPENSSH PRIVATE KEY") else { return false }
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { return false }
        let bytes = [UInt8](data)
        let magic = Array("openssh-key-v1\0".utf8)
        guard bytes.count > magic.count + 4, Array(bytes[0..<magic.count]) == magic else { return false }
        let lengthBytes = bytes[magic.count..<magic.count + 4]
        let length = lengthBytes.reduce(0) { $0 << 8 | Int($1) }
        let start = magic.count + 4
        guard bytes.count >= start + length else { return false }
        return String(decoding: bytes[start..<start + length], as: UTF8.self) != "none"
    }
}
