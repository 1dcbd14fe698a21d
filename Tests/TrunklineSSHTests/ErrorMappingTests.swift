import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineSSH
@testable import TrunklineTransport

@Suite("Error mapping and privilege escalation")
struct ErrorMappingTests {
    @Test(
        "SSH errors fall into the categories an operator acts on",
        arguments: [
            (SSHError.Code.unreachable, ConnectionFailure.Kind.unreachable),
            (.handshakeFailed, .unreachable),
            (.disconnected, .unreachable),
            (.timedOut, .timeout),
            (.hostKeyUnknown, .hostKey),
            (.hostKeyChanged, .hostKey),
            (.knownHostsUnusable, .hostKey),
            (.authenticationFailed, .authentication),
            (.channelFailed, .operation),
        ])
    func mapping(code: SSHError.Code, kind: ConnectionFailure.Kind) {
        let failure = SSHTransport.failure(
            name: "hv01", SSHError(code, host: "10.0.0.1", message: "boom", libssh2Code: -5))
        #expect(failure.kind == kind)
        #expect(failure.message == "hv01 (10.0.0.1): boom")
    }

    @Test("status words match what ping prints")
    func statusWords() {
        #expect(ConnectionFailure.Kind.hostKey.rawValue == "host key refused")
        #expect(ConnectionFailure.Kind.authentication.rawValue == "auth failed")
    }

    @Test("fingerprints are printed like OpenSSH")
    func fingerprint() {
        let key = HostKey(blob: [], libssh2Type: 5, sha256: Array(repeating: 0xAB, count: 32))
        #expect(key.fingerprint == "SHA256:q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s")
    }

    @Test("known_hosts names non-standard ports in brackets")
    func entryNames() {
        #expect(KnownHostsFile.entryName(host: "hv01", port: 22) == "hv01")
        #expect(KnownHostsFile.entryName(host: "10.250.1.3", port: 2222) == "[10.250.1.3]:2222")
    }

    @Test("become wraps argv in sudo -n, or sudo -S with the password ahead of stdin")
    func become() {
        let command = RemoteCommand(["cat", "--", "/etc/shadow"], stdin: [1, 2])
        #expect(
            PrivilegeEscalation(password: nil).wrap(command).argv == ["sudo", "-n", "--", "cat", "--", "/etc/shadow"])
        let withPassword = PrivilegeEscalation(password: "pw").wrap(command)
        #expect(withPassword.argv == ["sudo", "-S", "-p", "", "--", "cat", "--", "/etc/shadow"])
        #expect(withPassword.stdin == Array("pw\n".utf8) + [1, 2])
    }
}
