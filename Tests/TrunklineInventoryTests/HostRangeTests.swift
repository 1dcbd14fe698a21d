import Testing
import TrunklineCore

@testable import TrunklineInventory

@Suite("Host ranges")
struct HostRangeTests {
    static let location = SourceLocation(file: "hosts.yml", line: 3, column: 5)

    @Test("numbers keep their width, letters count, several ranges multiply with the last fastest")
    func expands() throws {
        #expect(try HostRange.expand("hv[08:10]", at: Self.location) == ["hv08", "hv09", "hv10"])
        #expect(try HostRange.expand("node[a:c].lab", at: Self.location) == ["nodea.lab", "nodeb.lab", "nodec.lab"])
        #expect(
            try HostRange.expand("r[1:2]-hv[1:3]", at: Self.location) == [
                "r1-hv1", "r1-hv2", "r1-hv3", "r2-hv1", "r2-hv2", "r2-hv3",
            ])
        #expect(try HostRange.expand("plain", at: Self.location) == ["plain"])
        #expect(try HostRange.expand("h[0:99999]", at: Self.location).count == 100_000)
    }

    // Before the count was checked first, the first crashed (the count overflowed), the second
    // grew to 840 MB and the third multiplied two fine ranges into ten billion names.
    @Test(
        "a range, or a product of ranges, of more than 100,000 hosts is refused at its line before any name is made",
        arguments: [
            "h[0:9223372036854775807]", "h[-9223372036854775808:9223372036854775807]", "h[0:100000000]",
            "r[0:99999]-h[0:99999]",
        ])
    func refused(pattern: String) {
        #expect {
            try HostRange.expand(pattern, at: Self.location)
        } throws: { error in
            (error as? InputError)?.description
                == "hosts.yml:3:5: error: host range '\(pattern)' stands for more than 100000 hosts"
        }
    }
}
