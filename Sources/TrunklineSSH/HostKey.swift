import CLibSSH2
import Foundation

/// A server's host key as received in the handshake.
public struct HostKey: Sendable, Equatable {
    /// The raw public key blob, as libssh2 returns it from `libssh2_session_hostkey`.
    public var blob: [UInt8]
    /// The libssh2 host key type (`LIBSSH2_HOSTKEY_TYPE_*`).
    public var libssh2Type: Int32
    /// The SHA256 digest of the key blob, from `libssh2_hostkey_hash`.
    public var sha256: [UInt8]

    /// The key's algorithm name as OpenSSH prints it (`ED25519`, `ECDSA`, `RSA`).
    public var typeName: String {
        switch libssh2Type {
        case LIBSSH2_HOSTKEY_TYPE_RSA: return "RSA"
        case LIBSSH2_HOSTKEY_TYPE_DSS: return "DSA"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256, LIBSSH2_HOSTKEY_TYPE_ECDSA_384, LIBSSH2_HOSTKEY_TYPE_ECDSA_521:
            return "ECDSA"
        case LIBSSH2_HOSTKEY_TYPE_ED25519: return "ED25519"
        default: return "UNKNOWN"
        }
    }

    /// The fingerprint in OpenSSH's form: `SHA256:` and unpadded base64.
    public var fingerprint: String {
        let encoded = Data(sha256).base64EncodedString()
        return "SHA256:" + encoded.replacingOccurrences(of: "=", with: "")
    }

    /// The `LIBSSH2_KNOWNHOST_KEY_*` bits that describe this key type in known_hosts.
    var knownHostKeyBits: Int32 {
        switch libssh2Type {
        case LIBSSH2_HOSTKEY_TYPE_RSA: return tl_knownhost_key_rsa
        case LIBSSH2_HOSTKEY_TYPE_DSS: return tl_knownhost_key_dss
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return tl_knownhost_key_ecdsa_256
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return tl_knownhost_key_ecdsa_384
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return tl_knownhost_key_ecdsa_521
        case LIBSSH2_HOSTKEY_TYPE_ED25519: return tl_knownhost_key_ed25519
        default: return 0
        }
    }
}
