import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineEngine

/// The packages' and units' queries of the facts exec: one process each, whatever the number of
/// names, read as the per-name checks they replace would have answered.
@Suite("package and unit queries")
struct PackageAndUnitQueryTests {
    /// This machine's own dpkg database, read (only read) by the facts script, against
    /// `dpkg-query -W -f '${Status}'` asked per package, as the replaced check did.
    @Test("the facts script's package query agrees with dpkg-query asked per package")
    func packagesAgainstDpkg() throws {
        guard FileManager.default.fileExists(atPath: "/var/lib/dpkg/status") else { return }
        let names = ["bash", "dpkg", "libc6:amd64", "trunkline-no-such-package", "openssh-client", "coreutils"]
        let (command, request) = FactsScript.command(for: FactNeeds(packages: Set(names)))
        let facts = try FactsScript.parse(try LocalCommand.run(command.argv), request: request)
        let expected = try names.filter { name in
            let status = try LocalCommand.run([
                "sh", "-c", #"dpkg-query -W -f='${Status}' -- "$1" 2> /dev/null || true"#, "sh", name,
            ])
            return status.hasSuffix("ok installed")
        }
        #expect(facts.installedPackages == Set(expected))
        #expect(facts.installedPackages.contains("bash"))
        #expect(!facts.installedPackages.contains("trunkline-no-such-package"))
    }

    @Test("dpkg's removed-but-configured packages and rpm's missing ones are not installed")
    func packageLines() {
        let lines = [
            "vim\tvim\tinstall ok installed", "nano\tnano\tdeinstall ok config-files",
            "package ifupdown is not installed", "openvswitch\topenvswitch.x86_64\tinstall ok installed", "",
        ]
        #expect(
            PackageQuery.installed(lines, among: ["vim", "nano", "ifupdown", "openvswitch.x86_64", "openvswitch"])
                == ["vim", "openvswitch.x86_64", "openvswitch"])
    }

    @Test("systemctl show blocks map to the units in the order asked, with is-enabled's and is-active's meaning")
    func unitBlocks() {
        let lines = [
            "UnitFileState=enabled", "ActiveState=active", "",
            "ActiveState=inactive", "UnitFileState=static", "",
            "UnitFileState=masked", "ActiveState=reloading", "",
            "UnitFileState=", "ActiveState=inactive", "",
        ]
        #expect(
            UnitQuery.states(lines, of: ["a", "b", "c", "gone"]) == [
                "a": UnitState(enabled: true, active: true), "b": UnitState(enabled: true, active: false),
                "c": UnitState(enabled: false, active: true), "gone": .unknown,
            ])
        #expect(UnitQuery.states([], of: ["a", "b"]) == ["a": .unknown, "b": .unknown], "no systemd")
    }

    @Test("many packages and units still start one query each")
    func oneQueryEach() {
        let needs = FactNeeds(packages: Set((0..<40).map { "package\($0)" }), units: Set((0..<40).map { "unit\($0)" }))
        let script = FactsScript.command(for: needs).command.argv[2]
        #expect(script.components(separatedBy: "\ntl_packages ").count == 2)
        #expect(script.components(separatedBy: "\ntl_units ").count == 2)
        #expect(!script.contains("tl_check "))
    }
}
