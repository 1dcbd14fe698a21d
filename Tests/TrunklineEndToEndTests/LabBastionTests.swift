import Foundation
import Testing
import TrunklineTestSupport

extension LabFleetSuites {
    /// An Ansible estate applied through the lab's bastion (`scripts/lab up … --bastion M`) to
    /// the hosts reachable only from the bastion's namespace, with the `trunkline` executable.
    @Suite("an Ansible estate through the lab's bastion")
    struct LabBastionTests {
        static let lab = LabEngineTests.repository.appendingPathComponent("scripts/lab").path

        /// Runs `argv` inside lab host `host` (`scripts/lab exec`); its output.
        func console(_ lab: LabFleet, _ host: LabFleet.Host, _ argv: [String]) throws -> String {
            try lab.execute(on: host, argv)
        }

        /// Puts the hypervisors back as a stock host has them: no estate file, bridge or keystore.
        func reset(_ lab: LabFleet, _ estate: BastionEstate) throws {
            for host in estate.hypervisors {
                try console(
                    lab, host,
                    [
                        "sh", "-c",
                        "ovs-vsctl --if-exists del-br br-estate && rm -f /etc/trunkline-bastion.conf"
                            + " && : > /etc/cloudstack/agent/agent.properties",
                    ])
            }
        }

        /// Every file under `directory`, as text.
        func texts(under directory: String) -> String {
            let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
            return files.compactMap { try? String(contentsOfFile: directory + "/" + $0, encoding: .utf8) }
                .joined(separator: "\n")
        }

        func changedSomething(_ output: String) -> Bool {
            output.contains(try! Regex("changed=[1-9]"))
        }

        @Test(
            "check, apply and drift through the bastion: files and OVSDB on the hosts, the vaulted value masked, a second apply changes nothing"
        )
        func estate() throws {
            let lab = try LabFleet()
            let estate = try BastionEstate(lab)
            try reset(lab, estate)
            let check = LabEngineTests.execute(estate.arguments("check", ["--diff"]))
            #expect(check.status == 2, "changes pending: \(check.output)")
            #expect(
                check.output.contains("keystore.passphrase") && check.output.contains("********"), "\(check.output)")
            for host in estate.hypervisors {
                #expect(check.output.contains(host.name), "\(check.output)")
                #expect(
                    (try? console(lab, host, ["ovs-vsctl", "br-exists", "br-estate"])) == nil
                        && (try? console(lab, host, ["test", "-e", "/etc/trunkline-bastion.conf"])) == nil,
                    "check changes nothing on \(host.name)")
            }
            #expect(
                !check.output.contains(estate.bastion.name + " "), "the bastion is not in the play: \(check.output)")

            let apply = LabEngineTests.execute(estate.arguments("apply"))
            #expect(apply.status == 2 && changedSomething(apply.output), "\(apply.output)")
            for host in estate.hypervisors {
                #expect(
                    try console(lab, host, ["cat", "/etc/trunkline-bastion.conf"])
                        == "zone=\(estate.zone)\nstorage_vlan=\(estate.storageVLAN)\n")
                #expect(try console(lab, host, ["stat", "-c", "%a", "/etc/trunkline-bastion.conf"]) == "640\n")
                let properties = try console(lab, host, ["cat", "/etc/cloudstack/agent/agent.properties"])
                #expect(
                    properties.split(separator: "\n").contains("keystore.passphrase=\(estate.secret)")
                        && properties.split(separator: "\n").contains("zone=\(estate.zone)"), "\(properties)")
                #expect(try console(lab, host, ["ovs-vsctl", "list-ports", "br-estate"]) == "eth2\n")
                #expect(
                    try console(lab, host, ["ovs-vsctl", "get", "Port", "eth2", "tag"]) == "\(estate.storageVLAN)\n")
            }
            #expect(
                (try? console(lab, estate.bastion, ["test", "!", "-e", "/etc/trunkline-bastion.conf"])) != nil,
                "the bastion itself is left alone")

            let again = LabEngineTests.execute(estate.arguments("apply"))
            #expect(
                again.status == 0 && again.output.contains("changed=0") && !changedSomething(again.output),
                "\(again.output)")

            let history = ["--history", estate.path + "/history.sqlite"]
            let inSync = LabEngineTests.execute(
                estate.arguments("drift", history + ["--json", estate.path + "/in-sync.json"]))
            #expect(inSync.status == 0, "\(inSync.output)")
            #expect(try estate.read("in-sync.json").components(separatedBy: "\"in_sync\"").count - 1 >= 2)

            let drifted = try #require(estate.hypervisors.first)
            try console(lab, drifted, ["ovs-vsctl", "set", "Port", "eth2", "tag=42"])
            try console(
                lab, drifted,
                [
                    "sed", "-i", "s/^keystore.passphrase=.*/keystore.passphrase=changed/",
                    "/etc/cloudstack/agent/agent.properties",
                ])
            let drift = LabEngineTests.execute(
                estate.arguments("drift", history + ["--diff", "--json", estate.path + "/drift.json"]))
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(estate.read("drift.json").utf8)) as? [String: Any])
            let statuses = Dictionary(
                uniqueKeysWithValues: (report["hosts"] as? [[String: Any]] ?? []).compactMap { host in
                    (host["host"] as? String).map { ($0, host["status"] as? String ?? "") }
                })
            #expect(drift.status == 2 && statuses[drifted.name] == "drifted", "\(drift.output)")
            for host in estate.hypervisors.dropFirst() { #expect(statuses[host.name] == "in_sync", "\(drift.output)") }

            let shown = [
                check.output, apply.output, again.output, inSync.output, drift.output,
                texts(under: estate.path + "/runs"),
            ]
            #expect(shown.allSatisfy { !$0.contains(estate.secret) }, "the vaulted value is never shown")
            #expect(
                texts(under: estate.path + "/runs").contains("keystore.passphrase=********"),
                "the run logs have the change, masked")
            try reset(lab, estate)
        }

        @Test("the controller cannot reach a host behind the bastion directly, only through it")
        func noDirectRoute() throws {
            let lab = try LabFleet()
            let host = try #require(lab.behindBastion.first, "no lab host behind the bastion")
            let direct = LabEngineTests.execute([
                "ping", "--identity", lab.run + "/id_ed25519", "--known-hosts", lab.run + "/known_hosts", "-u", "root",
                "--timeout", "5", host.address,
            ])
            #expect(direct.status != 0 && direct.output.contains("unreachable"), "\(direct.output)")
            let withoutJump = try BastionEstate(lab, jump: false)
            let unreached = LabEngineTests.execute(withoutJump.arguments("check"))
            #expect(unreached.status != 0 && unreached.output.contains("UNREACHABLE"), "\(unreached.output)")
            let throughBastion = try BastionEstate(lab)
            let reached = LabEngineTests.execute(throughBastion.arguments("check"))
            #expect(reached.status == 2 && reached.output.contains("unreachable=0"), "\(reached.output)")
        }

        @Test(
            "host keys are checked strictly at every hop: a wrong key for the host behind, or for the bastion, is refused"
        )
        func strictPerHop() throws {
            let lab = try LabFleet()
            let bastion = try #require(lab.bastion, "the lab has no bastion")
            let target = try #require(lab.behindBastion.first, "no lab host behind the bastion")
            let impostor = try #require(lab.hosts.first { $0.topology == "lab0" })
            /// The known_hosts of the estate, with `wrong`'s keys under `victim`'s name and address.
            func knownHosts(with wrong: LabFleet.Host, as victim: LabFleet.Host) throws -> String {
                let others = [bastion] + lab.behindBastion
                let right = try BastionEstate.knownHosts(lab, of: others.filter { $0.name != victim.name })
                let forged = try BastionEstate.knownHosts(lab, of: [wrong]).replacingOccurrences(
                    of: "\(wrong.name),\(wrong.address) ", with: "\(victim.name),\(victim.address) ")
                return right + forged
            }
            let wrongTarget = try BastionEstate(lab, knownHosts: knownHosts(with: impostor, as: target))
            let refused = LabEngineTests.execute(wrongTarget.arguments("check", ["--limit", target.name]))
            #expect(refused.status != 0, "\(refused.output)")
            #expect(
                refused.output.contains("\(target.name) (\(target.address)): REMOTE HOST IDENTIFICATION HAS CHANGED")
                    && !refused.output.contains(": bastion "),
                "\(refused.output)")

            let wrongBastion = try BastionEstate(lab, knownHosts: knownHosts(with: impostor, as: bastion))
            let cut = LabEngineTests.execute(wrongBastion.arguments("check", ["--limit", target.name]))
            #expect(cut.status != 0, "\(cut.output)")
            #expect(
                cut.output.contains(
                    "\(target.name): bastion \(bastion.address):22: REMOTE HOST IDENTIFICATION HAS CHANGED"),
                "\(cut.output)")
        }
    }
}
