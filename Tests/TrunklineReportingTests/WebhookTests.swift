import Foundation
import Testing
@testable import TrunklineReporting

@Suite("Drift notifications: the summary and its webhook delivery to a loopback listener")
struct WebhookTests {
    /// An HTTP listener on 127.0.0.1 (an ephemeral port, printed first) answering each request
    /// with the next of its arguments (a status, or `hang` to never answer), printing each body.
    static let listener = """
        import sys, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        answers = sys.argv[1:]
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                print("POST", self.path, self.headers["Content-Type"], body.decode(), flush=True)
                answer = answers.pop(0)
                if answer == "hang":
                    time.sleep(6)
                    return
                self.send_response(int(answer)); self.send_header("Content-Length", "0"); self.end_headers()
            def log_message(self, *args): pass
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = False
        print(server.server_address[1], flush=True)
        count = len(answers)
        for _ in range(count): server.handle_request()
        server.server_close()
        """

    /// Starts the listener; its URL, and a function that waits for it to end and returns what it printed.
    static func listen(_ answers: [String]) throws -> (url: URL, finish: () -> [String]) {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", listener] + answers
        process.standardOutput = pipe
        try process.run()
        var first = Data()
        while !first.contains(0x0A) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first += chunk
        }
        let lines = String(decoding: first, as: UTF8.self).split(separator: "\n").map(String.init)
        let url = URL(string: "http://127.0.0.1:\(lines.first ?? "0")/hooks/secret")!
        return (url, {
            let rest = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return lines.dropFirst() + String(decoding: rest, as: UTF8.self).split(separator: "\n").map(String.init)
        })
    }

    @Test("the summary: Slack-style text with the headline, new and resolved drifts, down hosts and the report; the data under trunkline")
    func summary() throws {
        let fleet = try FleetFixture()
        defer { fleet.remove() }
        let notification = try #require(DriftNotification(fleet.last, reportPath: "/srv/drift/drift.html"))
        #expect(notification.text == """
            Trunkline drift night5 (site.yml): New: 1 drift on 12 hosts, 1 drift resolved on 10 hosts, 1 host newly not checked. 500 hosts: 192 drifted (192 steps), 2 not checked.
            • new: ovs: br-mgmt on 12 hosts: hv300–hv311
            • resolved: grub_cmdline: kernel command line on 10 hosts: hv450–hv459
            • hv400 unreachable for 3 nights (since night2)
            • hv401 failed since this run
            Report: /srv/drift/drift.html
            """)
        let json = try #require(try JSONSerialization.jsonObject(with: notification.body()) as? [String: Any])
        let details = try #require(json["trunkline"] as? [String: Any])
        #expect(details["schema"] as? String == "trunkline.drift-notification/1" && details["report"] as? String == "/srv/drift/drift.html")
        #expect((details["new"] as? [[String: Any]])?.first?["hosts"] as? [String] == (300...311).map { "hv\($0)" })
        #expect((details["summary"] as? [String: Any])?["drifted"] as? Int == 192)
        #expect((details["unchecked"] as? [[String: Any]])?.first?["down_since"] as? String == "night2")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let calm = DriftReport(run: DriftRun(id: "r", startedAt: start, finishedAt: start, playbook: "p", inventory: "i", observations: [HostObservation(host: "a", status: .inSync)]))
        #expect(DriftNotification(calm) == nil, "nothing to tell")
    }

    @Test("delivery: a 503 is retried after a backoff, then the 200 delivers the JSON body")
    func retried() async throws {
        let (url, finish) = try Self.listen(["503", "200"])
        let failure = await Webhook(url: url, attempts: 3, timeout: 5, backoff: 0.05).post(Data("{\"text\":\"hi\"}".utf8))
        let requests = finish()
        #expect(failure == nil)
        #expect(requests == ["POST /hooks/secret application/json {\"text\":\"hi\"}", "POST /hooks/secret application/json {\"text\":\"hi\"}"])
    }

    @Test("delivery: a 404 is not retried; a listener that never answers times out after every attempt")
    func failures() async throws {
        let (url, finish) = try Self.listen(["404"])
        let refused = await Webhook(url: url, attempts: 3, timeout: 5, backoff: 0.05).post(Data("{}".utf8))
        #expect(finish().count == 1 && refused == "HTTP 404 (not retried)")

        let (silent, done) = try Self.listen(["hang", "hang"])
        let clock = ContinuousClock(), started = clock.now
        let timedOut = await Webhook(url: silent, attempts: 2, timeout: 0.5, backoff: 0.05).post(Data("{}".utf8))
        #expect(clock.now - started < .seconds(6), "two 0.5 s attempts end before the listener's 6 s silence would")
        let received = done()
        #expect(!received.isEmpty, "\(received) \(timedOut ?? "")")  // under load the second may time out before it is read
        #expect(timedOut == "timed out after 0.5 s (after 2 attempts)")
    }
}
