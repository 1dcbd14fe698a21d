import Testing
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("Secrets are masked in what Trunkline shows")
struct SecretTextTests {
    @Test("diff lines of secret settings keep their name, not their value")
    func diffs() {
        let diff =
            "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n keystore.passphrase=s3cr3t\n-db.password = old pass\n+db.password = new\n network.bridge.type=openvswitch\n"
        #expect(
            SecretText.redactLines(diff)
                == "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n keystore.passphrase=********\n-db.password = ********\n+db.password = ********\n network.bridge.type=openvswitch\n"
        )
        #expect(
            SecretText.redactLines("api_key: abc\nAPI-TOKEN abc def\nhostname: hv01\n")
                == "api_key: ********\nAPI-TOKEN ********\nhostname: hv01\n")
    }

    @Test("summaries mask NAME=value pairs only")
    func summaries() {
        #expect(
            SecretText.redactInline("ensure keystore.passphrase=xyz, network.bridge.type=openvswitch in /etc/a")
                == "ensure keystore.passphrase=********, network.bridge.type=openvswitch in /etc/a")
        #expect(SecretText.redactInline("update /etc/secrets/app.conf") == "update /etc/secrets/app.conf")
    }

    @Test("a lines step on agent.properties never shows the passphrase, in its summary or its diff")
    func linesStep() throws {
        let step = try StepHarness.step(
            LinesStep.self,
            [
                "path": .string("/etc/cloudstack/agent/agent.properties"),
                "set": .map(["keystore.passphrase": .string("n3w"), "network.bridge.type": .string("openvswitch")]),
            ])
        let facts = StepHarness.facts(files: [
            "/etc/cloudstack/agent/agent.properties": "keystore.passphrase=0ld\nhost=10.0.0.1\n"
        ])
        let (changes, after) = StepHarness.cycle(step, facts)
        #expect(
            !changes[0].summary.contains("n3w") && !changes[0].diff.contains("n3w") && !changes[0].diff.contains("0ld"),
            "\(changes[0])")
        #expect(
            StepHarness.text(after, "/etc/cloudstack/agent/agent.properties")?.contains("keystore.passphrase=n3w")
                == true)
    }
}
