import Testing
import TrunklineCore

@Suite("Where parts of a value are written")
struct ValueOriginTests {
    static func at(_ line: Int) -> TrunklineCore.SourceLocation {
        TrunklineCore.SourceLocation(file: "host_vars/hv01.yml", line: line, column: 5)
    }

    @Test("a path reaches the deepest part written, through keys with dots and list items")
    func paths() {
        let origin = ValueOrigin(
            Self.at(1),
            children: [
                "bridges": ValueOrigin(
                    Self.at(2),
                    children: [
                        "bond0.100": ValueOrigin(Self.at(3), children: ["address": ValueOrigin(Self.at(4))]),
                        "vmbr0": ValueOrigin(
                            Self.at(5),
                            children: [
                                "ports": ValueOrigin(
                                    Self.at(6),
                                    children: [
                                        "[0]": ValueOrigin(Self.at(7), children: ["tag": ValueOrigin(Self.at(8))])
                                    ])
                            ]),
                    ])
            ])
        #expect(origin.location(at: "bridges.bond0.100.address") == Self.at(4))
        #expect(origin.location(at: "bridges.vmbr0.ports[0].tag") == Self.at(8))
        #expect(origin.location(at: "bridges.vmbr0.ports[3].tag") == Self.at(6), "the deepest part that exists")
        #expect(origin.location(at: "bonds.bond0") == Self.at(1))
    }
}
