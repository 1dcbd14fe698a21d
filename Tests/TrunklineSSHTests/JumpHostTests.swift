import Testing

@testable import TrunklineSSH
@testable import TrunklineTransport

/// ProxyJump values as OpenSSH writes them, the routes bastion sessions are shared on, and how
/// a hop's failure is named.
@Suite("ProxyJump hops and routes")
struct JumpHostTests {
    @Test(
        "hops as OpenSSH writes them",
        arguments: [
            ("b1", [JumpHost(address: "b1")]),
            ("ops@b1:2222", [JumpHost(user: "ops", address: "b1", port: 2222)]),
            (
                "a, ops@b:2200 ,c",
                [JumpHost(address: "a"), JumpHost(user: "ops", address: "b", port: 2200), JumpHost(address: "c")]
            ),
            ("ssh://ops@b1:2022", [JumpHost(user: "ops", address: "b1", port: 2022)]),
            ("ssh://b1/", [JumpHost(address: "b1")]),
            ("[2001:db8::1]:2222", [JumpHost(address: "2001:db8::1", port: 2222)]),
            ("ops@[::1]", [JumpHost(user: "ops", address: "::1")]),
            ("none", []),
            ("NONE", []),
        ])
    func hops(text: String, expected: [JumpHost]) throws {
        #expect(try JumpHost.list(text) == expected)
    }

    @Test(
        "values that name no usable hop are refused, naming the hop",
        arguments: [
            ("", "'': the hop is empty"),
            ("a,,b", "'': the hop is empty"),
            ("a,", "'': the hop is empty"),
            ("a:0", "'a:0': port must be a number from 1 to 65535"),
            ("a:ssh", "'a:ssh': port must be a number from 1 to 65535"),
            ("@a", "'@a': the user before @ is empty"),
            ("[::1", "'[::1': missing ]"),
            ("a b", "'a b': a hop cannot contain white space"),
            ("ops@", "'ops@': the host is empty"),
        ])
    func refused(text: String, message: String) {
        #expect {
            _ = try JumpHost.list(text)
        } throws: { error in
            "\(error)" == "invalid ProxyJump '\(text)': \(message)"
        }
    }

    @Test("a hop is named host:port, 22 when none is given; IPv6 in brackets")
    func endpoints() {
        #expect(JumpHost(address: "b1").endpoint == "b1:22")
        #expect(JumpHost(user: "ops", address: "2001:db8::1", port: 2222).description == "ops@[2001:db8::1]:2222")
    }

    private func settings(user: String = "root", hops: [JumpHost], key: String = "/k") -> ConnectionSettings {
        var settings = ConnectionSettings(
            user: user, port: 2200, identityFiles: [key], knownHostsFiles: ["/kh"], become: true)
        settings.jumpHosts = hops
        return settings
    }

    @Test("hosts share a route whatever their own user, port or become; other keys or hops are another route")
    func routes() throws {
        let hops = [JumpHost(user: "ops", address: "b1"), JumpHost(user: "ops", address: "b2", port: 2222)]
        let route = try #require(JumpRoute(settings: settings(hops: hops)))
        var other = settings(user: "deploy", hops: hops)
        other.port = 22
        other.become = false
        #expect(JumpRoute(settings: other) == route)
        #expect(JumpRoute(settings: settings(hops: hops, key: "/other")) != route)
        #expect(JumpRoute(settings: settings(hops: Array(hops.prefix(1)))) == route.parent)
        #expect(route.parent?.parent == nil)
        #expect(JumpRoute(settings: settings(hops: [])) == nil)
        #expect(route.description == "b2:2222 (through b1:22)")
        #expect(route.login.keepaliveInterval == 0 && route.login.becomePassword == nil)
    }

    @Test("a hop naming no user logs in as the host's user, so hosts with other users do not share it")
    func hopWithoutUser() throws {
        let hops = [JumpHost(address: "b1")]
        let root = try #require(JumpRoute(settings: settings(hops: hops)))
        #expect(root.user(of: hops[0]) == "root")
        #expect(JumpRoute(settings: settings(user: "deploy", hops: hops)) != root)
    }

    @Test("a hop's failure is the host's, named after the hop, in the hop's category")
    func failureNaming() {
        let error = SSHError(.hostKeyChanged, host: "b2", message: "REMOTE HOST IDENTIFICATION HAS CHANGED: …")
        let failure = SSHTransport.failure(name: "web1", BastionFailure(hop: "b2:22 (through b1:22)", error: error))
        #expect(failure.kind == .hostKey && failure.host == "web1")
        #expect(failure.message == "web1: bastion b2:22 (through b1:22): REMOTE HOST IDENTIFICATION HAS CHANGED: …")
    }
}
