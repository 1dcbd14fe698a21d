import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineReporting

@Suite("Drift notifications: the summary and its webhook delivery to a loopback listener")
struct WebhookTests {
    @Test(
        "the summary: Slack-style text with the headline, new and resolved drifts, down hosts and the report; the data under trunkline"
    )
    func summary() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let notification = try #require(DriftNotification(fleet.last, reportPath: "/srv/drift/drift.html"))
        #expect(
            notification.text == """
                Trunkline drift night5 (site.yml): New: 1 drift on 12 hosts, 1 drift resolved on 10 hosts, 1 host newly not checked. 500 hosts: 192 drifted (192 steps), 2 not checked.
                • new: ovs: br-mgmt on 12 hosts: hv300–hv311
                • resolved: grub_cmdline: kernel command line on 10 hosts: hv450–hv459
                • hv400 unreachable for 3 nights (since night2)
                • hv401 failed since this run
                Report: /srv/drift/drift.html
                """)
        let json = try #require(try JSONSerialization.jsonObject(with: notification.body()) as? [String: Any])
        let details = try #require(json["trunkline"] as? [String: Any])
        #expect(
            details["schema"] as? String == "trunkline.drift-notification/1"
                && details["report"] as? String == "/srv/drift/drift.html")
        #expect((details["new"] as? [[String: Any]])?.first?["hosts"] as? [String] == (300...311).map { "hv\($0)" })
        #expect((details["summary"] as? [String: Any])?["drifted"] as? Int == 192)
        #expect((details["unchecked"] as? [[String: Any]])?.first?["down_since"] as? String == "night2")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let calm = DriftReport(
            run: DriftRun(
                id: "r", startedAt: start, finishedAt: start, playbook: "p", inventory: "i",
                observations: [HostObservation(host: "a", status: .inSync)]))
        #expect(DriftNotification(calm) == nil, "nothing to tell")
    }

    @Test("delivery: a 503 is retried after a backoff, then the 200 delivers the JSON body")
    func retried() async throws {
        let listener = try LoopbackListener(answers: ["503", "200"])
        let failure = await Webhook(url: listener.url, attempts: 3, timeout: 5, backoff: 0.05).post(
            Data("{\"text\":\"hi\"}".utf8))
        let requests = listener.requests()
        #expect(failure == nil)
        #expect(
            requests == [
                "POST /hooks/secret application/json {\"text\":\"hi\"}",
                "POST /hooks/secret application/json {\"text\":\"hi\"}",
            ])
    }

    @Test("delivery: a 404 is not retried; a listener that never answers times out after every attempt")
    func failures() async throws {
        let listener = try LoopbackListener(answers: ["404"])
        let refused = await Webhook(url: listener.url, attempts: 3, timeout: 5, backoff: 0.05).post(Data("{}".utf8))
        #expect(listener.requests().count == 1 && refused == "HTTP 404 (not retried)")

        let silent = try LoopbackListener(answers: ["hang", "hang"])
        let clock = ContinuousClock(), started = clock.now
        let timedOut = await Webhook(url: silent.url, attempts: 2, timeout: 0.5, backoff: 0.05).post(Data("{}".utf8))
        #expect(clock.now - started < .seconds(6), "two 0.5 s attempts end before the listener's 6 s silence would")
        let received = silent.requests()
        #expect(!received.isEmpty, "\(received) \(timedOut ?? "")")  // under load the second may time out before it is read
        #expect(timedOut == "timed out after 0.5 s (after 2 attempts)")
    }
}
