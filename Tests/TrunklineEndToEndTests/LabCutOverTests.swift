import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineRun

extension LabFleetSuites {
    /// The network cut-over on stock hypervisors reached only through eth0 (the lab's nic
    /// topology, hv27..hv32, two of each distro): the built-in roles move the management address
    /// onto Open vSwitch in one apply, commit-confirmed through a new connection; a wrong change
    /// on a canary rolls itself back and stops the rollout. Judged on the hosts: addresses,
    /// routes, OVSDB rows, file bytes, reachability.
    @Suite("network cut-over on the nic topology")
    struct LabCutOverTests {
        typealias Engine = LabEngineTests
        static let cloudstackHosts = ["hv27", "hv28", "hv29"]
        static let homelabHosts = ["hv30", "hv31", "hv32"]

        static func lab(_ names: [String]) throws -> (LabFleet, [LabFleet.Host]) {
            let lab = try LabFleet()
            let hosts = lab.hosts.filter { names.contains($0.name) }
            guard hosts.count == names.count else { throw LabFleet.NotUp() }
            return (lab, hosts)
        }

        static func scriptsLab(_ arguments: String...) throws {
            _ = try LocalCommand.run([Engine.repository.appendingPathComponent("scripts/lab").path] + arguments)
        }

        /// `trunkline COMMAND … -e @inventories/VARIABLES playbooks/PLAYBOOK` on `hosts`.
        static func run(
            _ lab: LabFleet, _ command: String, _ playbook: String, _ variables: String, _ hosts: [String],
            _ extra: [String] = []
        ) -> Engine.Run {
            Engine.execute(
                [command, "-i", lab.run + "/inventory.yml", "--limit", hosts.joined(separator: ",")] + extra
                    + [
                        "-e", "@" + Engine.repository.appendingPathComponent("inventories/\(variables)").path,
                        Engine.repository.appendingPathComponent("playbooks/\(playbook)").path,
                    ])
        }

        /// The host's gateway: the machine side of its /30.
        static func gateway(_ host: LabFleet.Host) -> String {
            let octets = host.address.split(separator: ".")
            return octets.dropLast().joined(separator: ".") + ".\(Int(octets.last!)! - 1)"
        }

        static func reachable(_ lab: LabFleet, _ host: LabFleet.Host) -> Bool {
            (try? LocalCommand.run(["ssh", "-F", lab.run + "/ssh_config", "-o", "ConnectTimeout=5", host.name, "true"]))
                != nil
        }

        /// Where the host's IPv4 addresses are, and its default route.
        static func addresses(_ lab: LabFleet, _ host: LabFleet.Host) throws -> String {
            try lab.execute(
                on: host,
                [
                    "sh", "-c",
                    "ip -o -4 addr show | awk '$2 != \"lo\" {print $2, $4}' | sort; ip -4 route show default | cut -d' ' -f1-5",
                ])
        }

        /// The host's network as a rollback must restore it: every file under /etc (the OVSDB
        /// file aside), the OVSDB's configuration rows (sorted, without UUIDs), addresses, routes.
        static func snapshot(_ lab: LabFleet, _ host: LabFleet.Host) throws -> [String: String] {
            var state: [String: String] = ["addresses": try addresses(lab, host)]
            state["ovsdb"] = try lab.execute(
                on: host,
                [
                    "sh", "-c",
                    """
                    for bridge in $(ovs-vsctl list-br | sort); do echo "bridge $bridge: $(ovs-vsctl list-ports $bridge | sort | tr '\\n' ' ')"; done
                    ovs-vsctl --format=csv --data=bare --no-headings --columns=name,tag,trunks,vlan_mode,bond_mode,lacp,other_config list Port | sort
                    ovs-vsctl --format=csv --data=bare --no-headings --columns=name,type,mac,external_ids list Interface | sort
                    """,
                ])
            let files = "find /etc -xdev -type f ! -path '/etc/openvswitch/*'"
            state["files"] = try lab.execute(
                on: host, ["sh", "-c", "\(files) -exec stat -c '%n %a %U:%G' {} + | sort"])
            state["bytes"] = try lab.execute(on: host, ["sh", "-c", "\(files) -exec sha256sum {} + | sort -k2"])
            return state
        }

        static func reimage(_ hosts: [LabFleet.Host]) throws {
            for host in hosts { try scriptsLab("reimage", host.name) }
        }

        @Test(
            "cloudstack-kvm moves a stock host's address from eth0 to cloudbr0 over bond0, confirmed; converged, rebooted, fails over"
        )
        func cloudstackCutOver() throws {
            let (lab, hosts) = try Self.lab(Self.cloudstackHosts)
            try Self.reimage(hosts)
            for host in hosts {
                #expect(
                    try Self.addresses(lab, host)
                        == "eth0 \(host.address)/30\ndefault via \(Self.gateway(host)) dev eth0\n")
            }
            let check = Self.run(lab, "check", "cloudstack-kvm.yml", "lab-cloudstack.yml", Self.cloudstackHosts)
            for host in hosts {
                #expect(check.output.contains("move \(host.address)/30 from eth0 to cloudbr0"), "\(check.output)")
                #expect(check.output.contains("default via \(Self.gateway(host)) dev cloudbr0"), "\(check.output)")
            }
            let first = Self.run(lab, "apply", "cloudstack-kvm.yml", "lab-cloudstack.yml", Self.cloudstackHosts)
            #expect(first.status == 2, "\(first.output)")
            #expect(!first.output.contains("ROLLED BACK") && !first.output.contains("failed=1"), "\(first.output)")
            for host in hosts {
                #expect(Self.reachable(lab, host))
                #expect(try Self.addresses(lab, host).hasPrefix("cloudbr0 \(host.address)/30\n"))
                #expect(try Self.addresses(lab, host).hasSuffix("default via \(Self.gateway(host)) dev cloudbr0\n"))
                #expect(
                    try lab.execute(on: host, ["sh", "-c", "grep -hx confirmed /var/lib/trunkline/runs/*/log"])
                        == "confirmed\n")
                #expect(
                    try lab.execute(
                        on: host, ["sh", "-c", "ovs-vsctl list-ports cloudbr0; ovs-vsctl get Port bond0 bond_mode"])
                        == "bond0\nactive-backup\n")
            }
            for host in hosts { try Self.failsOver(lab, host, when: "right after the cut-over") }
            let second = Self.run(lab, "apply", "cloudstack-kvm.yml", "lab-cloudstack.yml", Self.cloudstackHosts)
            #expect(second.status == 0, "\(second.output)")
            for host in hosts { try Self.scriptsLab("reboot", host.name) }
            let afterBoot = Self.run(lab, "check", "cloudstack-kvm.yml", "lab-cloudstack.yml", Self.cloudstackHosts)
            #expect(afterBoot.status == 0, "\(afterBoot.output)")
            for host in hosts {
                #expect(
                    try Self.addresses(lab, host).hasPrefix("cloudbr0 \(host.address)/30\n"),
                    "the files alone rebuilt the network")
                try Self.failsOver(lab, host, when: "after the reboot")
            }
        }

        /// With the bond's active member cut on the machine side, the other member carries the host.
        static func failsOver(_ lab: LabFleet, _ host: LabFleet.Host, when: String) throws {
            let active = try lab.execute(
                on: host,
                ["sh", "-c", "ovs-appctl bond/show bond0 | sed -n 's/^active member mac: .*(\\(eth[01]\\))$/\\1/p'"]
            )
            .trimmingCharacters(in: .whitespacesAndNewlines)
            try #require(active == "eth0" || active == "eth1", "\(host.name) \(when)")
            try scriptsLab("cut-nic", host.name, active)
            #expect(reachable(lab, host), "\(host.name) \(when) is carried by the other member once \(active) is cut")
            try scriptsLab("restore-nic", host.name, active)
        }

        @Test(
            "homelab-trunk moves a stock host's address to vlan31 on a native-untagged trunk, confirmed; converged and rebooted"
        )
        func homelabCutOver() throws {
            let (lab, hosts) = try Self.lab(Self.homelabHosts)
            try Self.reimage(hosts)
            let first = Self.run(lab, "apply", "homelab-trunk.yml", "lab-homelab.yml", Self.homelabHosts)
            #expect(first.status == 2, "\(first.output)")
            #expect(!first.output.contains("ROLLED BACK") && !first.output.contains("failed=1"), "\(first.output)")
            for host in hosts {
                #expect(first.output.contains("move \(host.address)/30 from eth0 to vlan31"), "\(first.output)")
                #expect(Self.reachable(lab, host))
                #expect(try Self.addresses(lab, host).contains("vlan31 \(host.address)/30\n"))
                #expect(
                    try lab.execute(on: host, ["ovs-vsctl", "get", "Port", "eth0", "tag", "vlan_mode", "trunks"])
                        == "31\nnative-untagged\n[31, 32]\n")
            }
            #expect(Self.run(lab, "apply", "homelab-trunk.yml", "lab-homelab.yml", Self.homelabHosts).status == 0)
            for host in hosts { try Self.scriptsLab("reboot", host.name) }
            let afterBoot = Self.run(lab, "check", "homelab-trunk.yml", "lab-homelab.yml", Self.homelabHosts)
            #expect(afterBoot.status == 0, "\(afterBoot.output)")
            for host in hosts { #expect(Self.reachable(lab, host)) }
        }

        /// The cloudstack model with one thing wrong for a nic host, as a variables file.
        static func wrongVariables(_ replacements: [(String, String)]) throws -> String {
            var text = try String(
                contentsOf: Engine.repository.appendingPathComponent("inventories/lab-cloudstack.yml"), encoding: .utf8)
            for (good, wrong) in replacements {
                precondition(text.contains(good), good)
                text = text.replacingOccurrences(of: good, with: wrong)
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-wrong-\(UUID().uuidString).yml"
            ).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        @Test(
            "a wrong change on the canary cuts it: it rolls itself back, is as before, and the rollout stops",
            arguments: [
                ("ports: [bond0]", "ports: [{name: bond0, tag: 99}]", "", ""),  // the uplink on the wrong access VLAN
                ("ports: [bond0]", "ports: [bond1]", "{ports: [bond1]}", "{ports: [bond0]}"),  // the address on a bridge without the uplink
            ])
        func wrongChangeRollsBack(replacing: String, wrong: String, alsoReplacing: String, alsoWrong: String) throws {
            let (lab, hosts) = try Self.lab(Self.cloudstackHosts)
            try Self.reimage(hosts)
            let variables = try Self.wrongVariables(
                [(replacing, wrong)] + (alsoReplacing.isEmpty ? [] : [(alsoReplacing, alsoWrong)]))
            defer { try? FileManager.default.removeItem(atPath: variables) }
            let before = try Dictionary(uniqueKeysWithValues: hosts.map { ($0.name, try Self.snapshot(lab, $0)) })
            let started = ContinuousClock.now
            let apply = Engine.execute([
                "apply", "-i", lab.run + "/inventory.yml", "--limit", Self.cloudstackHosts.joined(separator: ","),
                "--serial", "1,100%", "--confirm-timeout", "10", "-e", "@" + variables,
                Engine.repository.appendingPathComponent("playbooks/cloudstack-kvm.yml").path,
            ])
            let elapsed = ContinuousClock.now - started
            #expect(apply.status & 4 == 4, "\(apply.output)")
            let canary = try #require(
                hosts.first {
                    apply.output.contains("\($0.name): ROLLED BACK! not reachable at \($0.address) after the change")
                },
                "\(apply.output)")
            #expect(apply.output.contains("STOPPED"), "\(apply.output)")
            #expect(apply.output.contains("rollback: restore the OVSDB"), "\(apply.output)")
            #expect(elapsed < .seconds(10 + 60), "back within the confirm timeout and a reconnect")
            #expect(Self.reachable(lab, canary))
            let after = try Self.snapshot(lab, canary)
            let differing = Set(after.keys).union(before[canary.name]!.keys).sorted().flatMap { key -> [String] in
                let old = Set((before[canary.name]![key] ?? "").split(separator: "\n")),
                    new = Set((after[key] ?? "").split(separator: "\n"))
                return old.symmetricDifference(new).sorted().map { "\(key): \(old.contains($0) ? "-" : "+")\($0)" }
            }
            #expect(differing.isEmpty, "changed by the rolled-back run: \(differing)")
            for host in hosts where host.name != canary.name {
                #expect(
                    apply.output.split(separator: "\n").contains {
                        $0.hasPrefix("NOT REACHED") && $0.contains(host.name)
                    }, "\(apply.output)")
                #expect(try Self.snapshot(lab, host) == before[host.name]!, "\(host.name) is untouched")
                #expect(
                    try lab.execute(on: host, ["sh", "-c", "ls /var/lib/trunkline/runs 2>/dev/null | wc -l"]) == "0\n")
            }
        }

        @Test(
            "a good change whose session is cut mid-apply is confirmed through a new connection, and kept",
            .timeLimit(.minutes(3)))
        func cutDuringCutOver() async throws {
            let (lab, hosts) = try Self.lab(["hv29"])
            try Self.reimage(hosts)
            let host = hosts[0]
            let playbook = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-cut-\(UUID().uuidString).yml"
            ).path
            try """
            - name: slow cut-over
              hosts: all
              steps:
                - command: {argv: [sleep, "4"]}
                - network: {model: "{{ network }}"}
            """.write(toFile: playbook, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: playbook) }
            let apply = Task.detached {
                Engine.execute([
                    "apply", "-i", lab.run + "/inventory.yml", "--limit", host.name, "-e",
                    "@" + Engine.repository.appendingPathComponent("inventories/lab-cloudstack.yml").path, playbook,
                ])
            }
            try await Task.sleep(for: .seconds(2))
            try Self.scriptsLab("cut", host.name)
            try await Task.sleep(for: .seconds(6))
            try Self.scriptsLab("restore", host.name)
            let result = await apply.value
            #expect(result.status == 2, "\(result.output)")
            #expect(!result.output.contains("ROLLED BACK"), "\(result.output)")
            #expect(
                try lab.execute(on: host, ["sh", "-c", "grep -hx confirmed /var/lib/trunkline/runs/*/log"])
                    == "confirmed\n")
            #expect(try Self.addresses(lab, host).hasPrefix("cloudbr0 \(host.address)/30\n"))
        }

        @Test(
            "a model that takes the management address off the host, or puts it on a bridge with no uplink, is refused before any change"
        )
        func managementAddressRefused() throws {
            let (lab, hosts) = try Self.lab(["hv30"])
            try Self.reimage(hosts)
            let host = hosts[0]
            let noUplink = try Self.wrongVariables([("ports: [bond0]", "ports: []")])
            defer { try? FileManager.default.removeItem(atPath: noUplink) }
            let validate = Engine.execute([
                "validate", "-i", lab.run + "/inventory.yml", "--limit", host.name, "-e", "@" + noUplink,
                Engine.repository.appendingPathComponent("playbooks/cloudstack-kvm.yml").path,
            ])
            #expect(validate.status == 1, "\(validate.output)")
            #expect(
                validate.output.contains("steps.yml:")
                    && validate.output.contains(
                        "management address \(host.address) on cloudbr0, whose bridge cloudbr0 has no uplink"),
                "\(validate.output)")
            let elsewhere = try Self.wrongVariables([
                (
                    "{% if lab_topology == 'nic' %}{{ ansible_host }}/{{ lab_prefix }}{% else %}",
                    "{% if lab_topology == 'nic' %}10.99.0.1/24{% else %}"
                ),
                (
                    "{% if lab_topology == 'nic' %}{{ lab_gateway }}{% else %}",
                    "{% if lab_topology == 'nic' %}10.99.0.254{% else %}"
                ),
            ])
            defer { try? FileManager.default.removeItem(atPath: elsewhere) }
            let before = try Self.snapshot(lab, host)
            let apply = Engine.execute([
                "apply", "-i", lab.run + "/inventory.yml", "--limit", host.name, "-e", "@" + elsewhere,
                Engine.repository.appendingPathComponent("playbooks/cloudstack-kvm.yml").path,
            ])
            #expect(apply.status == 4, "\(apply.output)")
            #expect(
                apply.output.contains("takes the management address \(host.address) off the host: it is on eth0"),
                "\(apply.output)")
            #expect(try Self.snapshot(lab, host) == before)
        }
    }
}
