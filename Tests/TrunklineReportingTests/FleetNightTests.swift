import Foundation
import Testing

@testable import TrunklineReporting

@Suite("The history night by night: how the fleet changed")
struct FleetNightTests {
    @Test("per night: hosts by status, new, resolved and still-drifting steps; filtered by time, host and step")
    func nights() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let nights = try fleet.history.nights(HistoryQuery(playbook: "site.yml"))
        #expect(nights.map(\.run.id) == ["night1", "night2", "night3", "night4", "night5"])
        #expect(
            nights.map { [$0.inSync, $0.drifted, $0.unreachable, $0.failed] } == [
                [380, 120, 0, 0], [379, 120, 1, 0], [319, 180, 1, 0], [309, 190, 1, 0], [306, 192, 1, 1],
            ])
        #expect(
            nights.map { [$0.new, $0.resolved, $0.stillDrifting] } == [
                [120, 0, 0], [0, 0, 120], [60, 0, 120], [10, 0, 180], [12, 10, 180],
            ])
        let recent = try fleet.history.nights(HistoryQuery(since: fleet.reports[2].run.startedAt))
        #expect(
            recent.map(\.run.id) == ["night3", "night4", "night5"] && recent[0].stillDrifting == 120,
            "the history before the window still counts")
        #expect(try fleet.history.nights(HistoryQuery(last: 2)).map(\.run.id) == ["night4", "night5"])
        let host = try fleet.history.nights(HistoryQuery(host: "hv450"))
        #expect(
            host.map { [$0.hosts, $0.drifted, $0.new, $0.resolved] } == [
                [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0], [1, 1, 1, 0], [1, 0, 0, 1],
            ])
        #expect(try fleet.history.nights(HistoryQuery(host: "hv999")).isEmpty, "runs without the host are left out")
        let step = try fleet.history.nights(HistoryQuery(step: "file: motd"))
        #expect(step.map { [$0.new, $0.stillDrifting] } == [[120, 0], [0, 120], [0, 120], [0, 120], [0, 120]])
        #expect(try fleet.history.nights(HistoryQuery(step: "motd")) == step, "the name alone names the step")
        #expect(try fleet.history.nights(HistoryQuery(playbook: "other.yml")).isEmpty)
    }

    @Test("one host night by night: its status, the steps that drifted or why it was not checked")
    func hostNights() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let unreachable = try fleet.history.hostNights(HistoryQuery(host: "hv400", last: 2))
        #expect(
            unreachable.map(\.status) == [.unreachable, .unreachable]
                && unreachable[0].reason == "timeout: no answer on port 22")
        let drifting = try fleet.history.hostNights(HistoryQuery(since: fleet.reports[2].run.startedAt, host: "hv205"))
        #expect(drifting.map(\.drifts) == Array(repeating: ["sysctl: bridge netfilter off"], count: 3))
        #expect(
            try fleet.history.hostNights(HistoryQuery(host: "hv205", step: "motd")).map(\.drifts)
                == Array(repeating: [], count: 5))
        #expect(try fleet.history.hostNights(HistoryQuery()).isEmpty)
    }

    @Test("the compact tables, columns aligned")
    func table() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        #expect(
            HistoryTable.render(try fleet.history.nights(HistoryQuery(last: 2))) == """
                run     started                  hosts  in sync  drifted  unreachable  failed  new  resolved  still drifting  playbook
                night4  2027-01-19 08:00:00 UTC    500      309      190            1       0   10         0             180  site.yml
                night5  2027-01-20 08:00:00 UTC    500      306      192            1       1   12        10             180  site.yml

                """)
        #expect(
            HistoryTable.render(try fleet.history.hostNights(HistoryQuery(host: "hv401", last: 2))) == """
                run     started                  status   drifted steps or reason          playbook
                night4  2027-01-19 08:00:00 UTC  in_sync                                   site.yml
                night5  2027-01-20 08:00:00 UTC  failed   facts: /proc/net/dev unreadable  site.yml

                """)
    }

    @Test("the JSON document: schema trunkline.history/1, every key present, the query echoed")
    func json() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let query = HistoryQuery(host: "hv450", last: 2)
        let document = HistoryJSON(
            query: query, nights: try fleet.history.nights(query), hostNights: try fleet.history.hostNights(query))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(document.render())) as? [String: Any])
        #expect(json["schema"] as? String == "trunkline.history/1")
        let echoed = try #require(json["query"] as? [String: Any])
        #expect(
            echoed.keys.sorted() == ["host", "inventory", "last", "playbook", "since", "step"]
                && echoed["since"] is NSNull && echoed["last"] as? Int == 2)
        let nights = try #require(json["nights"] as? [[String: Any]])
        #expect(
            nights.first?.keys.sorted() == [
                "drifted", "failed", "hosts", "in_sync", "inventory", "new", "playbook", "resolved", "run",
                "still_drifting", "unreachable",
            ])
        #expect(
            nights.map { $0["resolved"] as? Int } == [0, 1]
                && (nights[1]["run"] as? [String: Any])?["started_at"] as? String == "2027-01-20T08:00:00.000Z")
        let host = try #require(json["host_nights"] as? [[String: Any]])
        #expect(
            host.map { $0["drifts"] as? [String] } == [["grub_cmdline: kernel command line"], []]
                && host[1]["reason"] is NSNull)
        #expect(
            host[0].keys.sorted() == ["drifts", "inventory", "playbook", "reason", "run", "status"]
                && host[0]["status"] as? String == "drifted")
    }

    @Test(
        "--since: a time back from now in hours, days or weeks, or an ISO 8601 date or time; anything else names itself"
    )
    func since() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try HistorySince(parsing: "7d", now: now).date == now - 7 * 86_400)
        #expect(try HistorySince(parsing: "36h", now: now).date == now - 36 * 3_600)
        #expect(try HistorySince(parsing: "2w", now: now).date == now - 14 * 86_400)
        #expect(try HistorySince(parsing: "2027-01-19").date == Date(timeIntervalSince1970: 1_800_316_800))
        #expect(try HistorySince(parsing: "2027-01-19T08:00:00Z").date == Date(timeIntervalSince1970: 1_800_345_600))
        for bad in ["7", "d", "7x", "-1d", "yesterday", "2027-13-01"] {
            #expect(throws: HistorySinceError(text: bad)) { try HistorySince(parsing: bad, now: now) }
        }
        #expect(HistorySinceError(text: "7x").description.hasPrefix("'7x' is not a time back from now (36h, 7d, 2w)"))
    }
}
