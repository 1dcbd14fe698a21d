import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineReporting

@Suite("Webhook config file (--notify-config): webhooks, timeout, retries, backoff")
struct NotifyConfigTests {
    @Test("a whole config, and the defaults")
    func parse() throws {
        let config = try NotifyConfig.parse(
            """
            webhooks:
              - https://chat.example.org/hooks/T000/SECRET
              - http://127.0.0.1:8065/hooks/abc
            timeout: 2.5
            retries: 0
            backoff: 0
            """, file: "notify.yml")
        #expect(
            config.webhooks.map(\.absoluteString) == [
                "https://chat.example.org/hooks/T000/SECRET", "http://127.0.0.1:8065/hooks/abc",
            ])
        #expect(config.hooks.map { [Double($0.attempts), $0.timeout, $0.backoff] } == [[1, 2.5, 0], [1, 2.5, 0]])
        let defaults = try NotifyConfig.parse("webhooks: [https://a.example/1]\n", file: "notify.yml")
        #expect(defaults.hooks.map { [Double($0.attempts), $0.timeout, $0.backoff] } == [[3, 10, 1]])
    }

    @Test(
        "errors name the file, line and column, and the field",
        arguments: [
            (
                "webhooks: [https://a.example/1]\ntimout: 5\n",
                "notify.yml:2:1: error: unknown field 'timout' (did you mean 'timeout'?)"
            ),
            (
                "webhooks:\n  - https://a.example/1\n  - ftp://b.example/2\n",
                "notify.yml:3:5: error: webhooks[1]: 'ftp://b.example/2' is not an http(s) URL"
            ),
            ("webhooks: https://a.example/1\n", "notify.yml:1:11: error: webhooks must be a list, not a string"),
            (
                "webhooks: [https://a.example/1]\ntimeout: 0\n",
                "notify.yml:2:10: error: timeout must be more than 0 seconds, not 0"
            ),
            (
                "webhooks: [https://a.example/1]\nbackoff: soon\n",
                "notify.yml:2:10: error: backoff must be a number of seconds, not a string"
            ),
            (
                "webhooks: [https://a.example/1]\nretries: 11\n",
                "notify.yml:2:10: error: retries must be from 0 to 10, not 11"
            ),
            (
                "webhooks: [https://a.example/1]\nretries: 1.5\n",
                "notify.yml:2:10: error: retries must be a whole number, not a number"
            ),
            ("timeout: 5\n", "notify.yml:1:1: error: webhooks is required: at least one http(s) URL"),
            ("", "notify.yml: error: empty: webhooks is required"),
            ("- https://a.example/1\n", "notify.yml:1:1: error: the notify config must be a mapping, not a list"),
        ])
    func errors(text: String, message: String) {
        #expect {
            _ = try NotifyConfig.parse(text, file: "notify.yml")
        } throws: { error in
            (error as? InputError)?.description == message
        }
    }

    @Test("a file that cannot be read is an input error that names it")
    func unreadable() {
        #expect { _ = try NotifyConfig.load("/nonexistent/notify.yml") } throws: { error in
            (error as? InputError)?.description
                == "/nonexistent/notify.yml: error: cannot read: no such file or directory"
        }
    }

    @Test("delivery follows the file: retries: 1 is two attempts in all")
    func retries() async throws {
        let listener = try LoopbackListener(answers: ["503", "503"])
        let config = try NotifyConfig.parse(
            "webhooks: [\"\(listener.url.absoluteString)\"]\nretries: 1\nbackoff: 0.05\ntimeout: 5\n",
            file: "notify.yml")
        let failure = await config.hooks[0].post(Data("{}".utf8))
        #expect(listener.requests().count == 2 && failure == "HTTP 503 (after 2 attempts)")
    }
}
