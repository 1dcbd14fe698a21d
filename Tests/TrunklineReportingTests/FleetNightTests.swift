import Foundation
import Testing
@testable import TrunklineReporting

@Suite("The history night by night: how the fleet changed")
struct FleetNightTests {
    @Test("per night: hosts by status, new, resolved and still-drifting steps; filtered by time, host and step")
    func nights() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let nights = try fleet.history.nights(playbook: "site.yml")
        #expect(nights.map(\.run.id) == ["night1", "night2", "night3", "night4", "night5"])
        #expect(nights.map { [$0.inSync, $0.drifted, $0.unreachable, $0.failed] } == [[380, 120, 0, 0], [379, 120, 1, 0], [319, 180, 1, 0], [309, 190, 1, 0], [306, 192, 1, 1]])
        #expect(nights.map { [$0.new, $0.resolved, $0.stillDrifting] } == [[120, 0, 0], [0, 0, 120], [60, 0, 120], [10, 0, 180], [12, 10, 180]])
        let recent = try fleet.history.nights(since: fleet.reports[2].run.startedAt)
        #expect(recent.map(\.run.id) == ["night3", "night4", "night5"] && recent[0].stillDrifting == 120, "the history before the window still counts")
        let host = try fleet.history.nights(host: "hv450")
        #expect(host.map { [$0.hosts, $0.drifted, $0.new, $0.resolved] } == [[1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0], [1, 1, 1, 0], [1, 0, 0, 1]])
        let step = try fleet.history.nights(step: "file: motd")
        #expect(step.map { [$0.new, $0.stillDrifting] } == [[120, 0], [0, 120], [0, 120], [0, 120], [0, 120]])
        #expect(try fleet.history.nights(playbook: "other.yml").isEmpty)
    }

    @Test("the compact table, columns aligned, and the JSON keys")
    func table() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let nights = Array(try fleet.history.nights().suffix(2))
        #expect(HistoryTable.render(nights) == """
            run     started                  hosts  in sync  drifted  unreachable  failed  new  resolved  still drifting
            night4  2027-01-19 08:00:00 UTC    500      309      190            1       0   10         0             180
            night5  2027-01-20 08:00:00 UTC    500      306      192            1       1   12        10             180

            """)
        let json = String(decoding: try JSONEncoder().encode(nights[1]), as: UTF8.self)
        #expect(json.contains("\"still_drifting\":180") && json.contains("\"in_sync\":306"))
    }
}
