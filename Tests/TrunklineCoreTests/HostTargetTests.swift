import Testing
import TrunklineCore

@Suite("Host targets on the command line")
struct HostTargetTests {
    @Test(
        "every form parses",
        arguments: [
            ("hv01", "hv01", nil, nil),
            ("admin@hv01", "hv01", "admin", nil),
            ("hv01:2222", "hv01", nil, 2222),
            ("admin@10.0.0.5:22", "10.0.0.5", "admin", 22),
            ("[2001:db8::1]", "2001:db8::1", nil, nil),
            ("ops@[2001:db8::1]:2200", "2001:db8::1", "ops", 2200),
        ] as [(String, String, String?, Int?)])
    func parses(text: String, address: String, user: String?, port: Int?) throws {
        let target = try HostTarget(parsing: text)
        #expect(target.address == address)
        #expect(target.user == user)
        #expect(target.port == port)
    }

    @Test(
        "malformed hosts are rejected with the reason",
        arguments: [
            ("hv01:0", "port must be a number"),
            ("hv01:99999", "port must be a number"),
            ("hv01:ssh", "port must be a number"),
            ("@hv01", "the user before @ is empty"),
            ("admin@", "the host is empty"),
            ("[2001:db8::1", "missing ]"),
            ("[::1]x", "expected :port after ]"),
        ])
    func rejects(text: String, reason: String) {
        #expect {
            try HostTarget(parsing: text)
        } throws: { error in
            (error as? HostTargetError)?.description.contains(reason) == true
        }
    }
}
