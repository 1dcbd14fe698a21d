import Foundation
import Testing
import TrunklineTestSupport

@testable import TrunklineRun

extension LabFleetSuites {
    /// check and apply through the `trunkline` executable on lab hosts hv04..hv06 (one of each
    /// distro), judged by the bytes of the hosts' files.
    @Suite("check and apply on the lab fleet")
    struct LabEngineTests {
        static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        static let hosts = ["hv04", "hv05", "hv06"]

        static let playbook = """
            - name: engine test
              hosts: all
              steps:
                - name: kernel arguments
                  grub_cmdline: {present: [biosdevname=0, net.ifnames=0]}
                - name: agent settings
                  lines:
                    path: /etc/trunkline-engine/agent.properties
                    set: {network.bridge.type: openvswitch}
                - name: blacklist
                  file:
                    path: /etc/trunkline-engine/blacklist.conf
                    content: "install bridge /bin/false\\n"
                    mode: "0640"
                - name: sysctl
                  sysctl:
                    file: /etc/sysctl.d/80-trunkline-engine.conf
                    settings: {net.ipv6.conf.eth3.disable_ipv6: 1}
                - name: no bridge module
                  module_blacklist: {modules: [bridge], file: /etc/modprobe.d/trunkline-engine.conf}
                - name: bonding at boot
                  modules_load: {modules: [bonding]}
                - name: a unit
                  service: {name: trunkline-engine-test, enabled: true, state: started}
            """

        /// Puts hv04..hv06 back as the tests expect to find them, with Trunkline itself.
        static let reset = """
            - name: reset
              hosts: all
              steps:
                - grub_cmdline: {absent: [biosdevname, net.ifnames]}
                - command: {argv: [rm, -rf, /etc/trunkline-engine, /etc/sysctl.d/80-trunkline-engine.conf]}
                - command: {argv: [sysctl, -w, net.ipv6.conf.eth3.disable_ipv6=0]}
                - command: {argv: [rm, -f, /etc/modprobe.d/trunkline-engine.conf, /etc/modules-load.d/trunkline.conf]}
                - command: {shell: "if [ -f /etc/modules ]; then sed -i '/^bonding$/d' /etc/modules; fi"}
                - service: {name: trunkline-engine-test, enabled: false, state: stopped}
            """

        struct Run {
            var status: Int32
            var output: String
        }

        static let binary = TrunklineBinary.path

        /// Runs the `trunkline` executable with `arguments`; its exit status and output.
        static func execute(_ arguments: [String]) -> Run {
            do {
                return Run(status: 0, output: try LocalCommand.run([binary] + arguments))
            } catch let failure as LocalCommand.Failure {
                return Run(status: failure.status, output: failure.output)
            } catch {
                return Run(status: -1, output: "\(error)")
            }
        }

        /// `trunkline COMMAND … -i LAB-INVENTORY --limit HOSTS PLAYBOOK`, the playbook given as text.
        func trunkline(_ lab: LabFleet, _ arguments: [String], playbook: String, limit: [String] = hosts) throws -> Run
        {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-engine-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("play.yml").path
            try playbook.write(toFile: path, atomically: true, encoding: .utf8)
            return Self.execute(
                arguments + ["-i", lab.run + "/inventory.yml", "--limit", limit.joined(separator: ","), path])
        }

        /// `trunkline COMMAND` with a playbook and a variables file of the repository.
        func repositoryPlaybook(
            _ lab: LabFleet, _ command: String, _ playbook: String, variables: String, limit: [String] = hosts
        ) -> Run {
            Self.execute([
                command, "-i", lab.run + "/inventory.yml", "--limit", limit.joined(separator: ","),
                "-e", "@" + Self.repository.appendingPathComponent("inventories/\(variables)").path,
                Self.repository.appendingPathComponent("playbooks/\(playbook)").path,
            ])
        }

        /// Every file a host has changed, with its bytes and mode, and its OVSDB configuration
        /// (bridges, ports, interfaces: configuration columns only). The OVSDB file itself, runtime
        /// status and logs (which the daemons write on their own) are left out.
        func snapshot(_ lab: LabFleet, hosts: [String] = hosts) throws -> [String: String] {
            var files: [String: String] = [:]
            for host in hosts {
                files[host + " ovsdb"] = try lab.execute(
                    on: try #require(lab.hosts.first { $0.name == host }),
                    [
                        "ovs-vsctl", "--format=json", "--columns=name,ports,datapath_type,external_ids,other_config",
                        "list", "Bridge", "--",
                        "--columns=name,interfaces,tag,trunks,vlan_mode,bond_mode,lacp,other_config,external_ids,fake_bridge",
                        "list", "Port", "--",
                        "--columns=name,type,mac,external_ids,other_config", "list", "Interface",
                    ])
                let root = lab.run + "/" + host + "/upper"
                guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
                while let relative = walker.nextObject() as? String {
                    let path = root + "/" + relative
                    guard !relative.hasPrefix("var/log/"), relative != "etc/openvswitch/conf.db",
                        let data = FileManager.default.contents(atPath: path)
                    else { continue }
                    let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
                    files[host + "/" + relative] = "\(mode) \(data.base64EncodedString())"
                }
            }
            return files
        }

        /// The paths whose bytes or mode differ between two snapshots.
        func changed(_ before: [String: String], _ after: [String: String]) -> [String] {
            Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
        }

        func text(_ lab: LabFleet, _ host: String, _ path: String) -> String? {
            FileManager.default.contents(atPath: lab.upperPath(host, path)).map { String(decoding: $0, as: UTF8.self) }
        }

        @Test("check changes nothing; apply converges; a second apply changes nothing; drift is found and repaired")
        func lifecycle() throws {
            let lab = try LabFleet()
            _ = try trunkline(lab, ["apply"], playbook: Self.reset)
            let before = try snapshot(lab)
            let check = try trunkline(lab, ["check", "--diff"], playbook: Self.playbook)
            #expect(check.status == 2, "\(check.output)")
            #expect(
                check.output.contains(
                    "hv04  change  [1] grub_cmdline: kernel arguments\n    - add biosdevname=0 net.ifnames=0 in GRUB_CMDLINE_LINUX"
                ))
            #expect(check.output.contains("+GRUB_CMDLINE_LINUX=\"biosdevname=0 net.ifnames=0\""))
            let differing = changed(before, try snapshot(lab))
            #expect(differing.isEmpty, "check mode wrote to a host: \(differing)")

            let apply = try trunkline(lab, ["apply"], playbook: Self.playbook)
            #expect(apply.status == 2, "\(apply.output)")
            for host in Self.hosts {
                #expect(text(lab, host, "/etc/trunkline-engine/blacklist.conf") == "install bridge /bin/false\n")
                #expect(
                    text(lab, host, "/etc/trunkline-engine/agent.properties") == "network.bridge.type=openvswitch\n")
                #expect(text(lab, host, "/etc/default/grub")?.contains("biosdevname=0 net.ifnames=0") == true)
                #expect(
                    text(lab, host, "/etc/sysctl.d/80-trunkline-engine.conf")?.contains(
                        "net.ipv6.conf.eth3.disable_ipv6 = 1") == true)
                #expect(
                    (try FileManager.default.attributesOfItem(
                        atPath: lab.upperPath(host, "/etc/trunkline-engine/blacklist.conf"))[.posixPermissions] as? Int)
                        == 0o640)
            }
            #expect(text(lab, "hv06", "/boot/grub2/grub.cfg")?.contains("biosdevname=0 net.ifnames=0") == true)
            let runs = lab.upperPath("hv04", "/var/lib/trunkline/runs")
            let runDirectories = try FileManager.default.contentsOfDirectory(atPath: runs)
            #expect(!runDirectories.isEmpty)
            for directory in runDirectories {
                #expect(
                    (try FileManager.default.attributesOfItem(atPath: runs + "/" + directory)[.posixPermissions] as? Int)
                        == 0o700)
            }
            #expect(FileManager.default.fileExists(atPath: lab.upperPath("hv04", "/var/lib/trunkline/backups")))
            #expect(text(lab, "hv04", "/boot/grub/grub.cfg")?.contains("biosdevname=0 net.ifnames=0") == true)
            #expect(try lab.execute(on: lab.hosts[4], ["cat", "/proc/sys/net/ipv6/conf/eth3/disable_ipv6"]) == "1\n")
            #expect(
                text(lab, "hv05", "/etc/modprobe.d/trunkline-engine.conf")
                    == "# Managed by Trunkline\ninstall bridge /bin/false\n")
            #expect(text(lab, "hv05", "/etc/modules")?.hasSuffix("bonding\n") == true)
            #expect(text(lab, "hv06", "/etc/modules-load.d/trunkline.conf") == "bonding\n")
            #expect(text(lab, "hv06", "/var/log/lab/standins.log")?.contains("modprobe -- bonding") == true)
            #expect(
                try lab.execute(on: lab.hosts[5], ["systemctl", "is-enabled", "trunkline-engine-test"]) == "enabled\n")
            #expect(
                try lab.execute(on: lab.hosts[5], ["systemctl", "is-active", "trunkline-engine-test"]) == "active\n")

            let again = try trunkline(lab, ["apply"], playbook: Self.playbook)
            #expect(again.status == 0, "\(again.output)")
            #expect(again.output.components(separatedBy: "changed=0").count == 4)
            let json = try trunkline(lab, ["check", "--format", "json"], playbook: Self.playbook)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any], "\(json.output)")
            let hosts = try #require(document["hosts"] as? [[String: Any]])
            #expect(
                (document["not_reached"] as? [String]) == []
                    && (document["run_directory"] as? String)?.contains("/trunkline/runs/") == true)
            #expect(hosts.compactMap { $0["host"] as? String }.sorted() == Self.hosts)
            #expect(
                hosts.allSatisfy {
                    ($0["steps"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "ok" } == true
                })

            try lab.execute(
                on: lab.hosts[3],
                ["sh", "-c", "echo network.bridge.type=native > /etc/trunkline-engine/agent.properties"])
            let drift = try trunkline(lab, ["check"], playbook: Self.playbook)
            #expect(drift.status == 2)
            #expect(drift.output.contains("hv04  change  [2] lines: agent settings"))
            #expect(!drift.output.contains("hv05  change"))
            #expect(try trunkline(lab, ["apply"], playbook: Self.playbook).status == 2)
            #expect(text(lab, "hv04", "/etc/trunkline-engine/agent.properties") == "network.bridge.type=openvswitch\n")
            #expect(try trunkline(lab, ["check"], playbook: Self.playbook).status == 0)
        }

        @Test(
            "ovs: bridge, bond, trunk, internal port and fake bridge built, verified in the OVSDB, drift repaired, VM ports left alone"
        )
        func openVSwitch() throws {
            let lab = try LabFleet()
            let playbook = """
                - name: ovs
                  hosts: all
                  steps:
                    - ovs:
                        bridges:
                          - name: tlbr0
                            datapath_type: netdev
                            ports:
                              - {name: tlbond0, interfaces: [eth0, eth1], bond_mode: active-backup, other_config: {bond-miimon-interval: 100, bond-detect-mode: miimon},
                                 tag: 31, trunks: [31, 32], vlan_mode: native-untagged}
                              - {name: tlmgmt0, type: internal, tag: 31, mac: "52:54:00:12:34:56", external_ids: {iface-id: mgmt}}
                          - {name: tlbr100, parent: tlbr0, vlan: 100}
                """
            _ = try trunkline(
                lab, ["apply"],
                playbook:
                    "- hosts: all\n  steps:\n    - ovs: {bridges: [{name: tlbr100, state: absent}, {name: tlbr0, state: absent}]}\n"
            )
            let apply = try trunkline(lab, ["apply"], playbook: playbook)
            #expect(apply.status == 2, "\(apply.output)")
            for host in lab.hosts where Self.hosts.contains(host.name) {
                func ovs(_ arguments: String...) throws -> String {
                    try lab.execute(on: host, ["ovs-vsctl"] + arguments).trimmingCharacters(in: .whitespacesAndNewlines)
                }
                #expect(try ovs("list-ports", "tlbr0") == "tlbond0\ntlmgmt0")
                #expect(try ovs("get", "Bridge", "tlbr0", "datapath_type") == "netdev")
                #expect(
                    try ovs("get", "Port", "tlbond0", "bond_mode", "tag", "trunks", "vlan_mode")
                        == "active-backup\n31\n[31, 32]\nnative-untagged")
                #expect(try ovs("get", "Port", "tlbond0", "other_config:bond-miimon-interval") == "\"100\"")
                #expect(try ovs("--bare", "--columns=name", "find", "Interface", "name=eth0") == "eth0")
                #expect(
                    try ovs("get", "Interface", "tlmgmt0", "type", "mac", "external_ids:iface-id")
                        == "internal\n\"52:54:00:12:34:56\"\nmgmt")
                #expect(try ovs("br-to-parent", "tlbr100") == "tlbr0")
                #expect(try ovs("br-to-vlan", "tlbr100") == "100")
                #expect(
                    try lab.execute(on: host, ["ovs-appctl", "bond/show", "tlbond0"]).contains(
                        "bond_mode: active-backup"))
            }
            let again = try trunkline(lab, ["apply"], playbook: playbook)
            #expect(again.status == 0, "\(again.output)")

            let hv05 = try #require(lab.hosts.first { $0.name == "hv05" })
            try lab.execute(
                on: hv05,
                [
                    "sh", "-c",
                    "ovs-vsctl set Port tlbond0 tag=99 -- del-port tlmgmt0 -- add-port tlbr0 vnet0 -- set Interface vnet0 type=internal",
                ])
            let drift = try trunkline(lab, ["check", "--diff"], playbook: playbook)
            #expect(drift.status == 2)
            #expect(drift.output.contains("hv05  change  [1] ovs: ovs"), "\(drift.output)")
            #expect(drift.output.contains("-  Port tlbond0: interfaces=eth0,eth1 tag=99"))
            #expect(
                drift.output.contains("    - tlbond0: tag 99 → 31;"),
                "the change says which column differs: \(drift.output)")
            #expect(!drift.output.contains("hv04  change"))
            #expect(try trunkline(lab, ["apply"], playbook: playbook).status == 2)
            #expect(try lab.execute(on: hv05, ["ovs-vsctl", "list-ports", "tlbr0"]) == "tlbond0\ntlmgmt0\nvnet0\n")
            #expect(try lab.execute(on: hv05, ["ovs-vsctl", "get", "Port", "tlbond0", "tag"]) == "31\n")
            #expect(try trunkline(lab, ["check"], playbook: playbook).status == 0)
        }

        @Test(
            "roles: steps, defaults under inventory variables, a template, when on os_family, and a handler that runs once when notified"
        )
        func roles() throws {
            let lab = try LabFleet()
            _ = try trunkline(lab, ["apply"], playbook: Self.reset)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-role-\(UUID().uuidString)")
            let role = directory.appendingPathComponent("roles/agent")
            try FileManager.default.createDirectory(
                at: role.appendingPathComponent("templates"), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try "bridge_type: native\nvlans: [31, 32]\n".write(
                to: role.appendingPathComponent("defaults.yml"), atomically: true, encoding: .utf8)
            try "# {{ inventory_hostname }}\n{% for v in vlans %}vlan{{ v }}\n{% endfor %}".write(
                to: role.appendingPathComponent("templates/vlans.j2"), atomically: true, encoding: .utf8)
            try """
            - name: agent type
              lines: {path: /etc/trunkline-engine/role.properties, set: {network.bridge.type: "{{ bridge_type }}"}}
              notify: mark
            - name: vlans
              file: {path: /etc/trunkline-engine/vlans, template: vlans.j2}
            - name: debian only
              when: os_family == "debian"
              file: {path: /etc/trunkline-engine/debian-only, content: "yes\\n"}
            """.write(to: role.appendingPathComponent("steps.yml"), atomically: true, encoding: .utf8)
            try """
            - name: mark
              command: {shell: "echo ran >> /etc/trunkline-engine/handler.log"}
            """.write(to: role.appendingPathComponent("handlers.yml"), atomically: true, encoding: .utf8)
            let playbook = directory.appendingPathComponent("site.yml").path
            try "- hosts: all\n  vars: {bridge_type: openvswitch}\n  roles: [agent]\n".write(
                toFile: playbook, atomically: true, encoding: .utf8)
            let arguments = [
                "apply", "-i", lab.run + "/inventory.yml", "--limit", Self.hosts.joined(separator: ","), playbook,
            ]
            let first = Self.execute(arguments)
            for host in Self.hosts {
                #expect(
                    text(lab, host, "/etc/trunkline-engine/role.properties") == "network.bridge.type=openvswitch\n",
                    "\(first.output)")
                #expect(text(lab, host, "/etc/trunkline-engine/vlans") == "# \(host)\nvlan31\nvlan32\n")
                #expect(text(lab, host, "/etc/trunkline-engine/handler.log") == "ran\n")
            }
            #expect(text(lab, "hv04", "/etc/trunkline-engine/debian-only") == "yes\n")
            #expect(text(lab, "hv05", "/etc/trunkline-engine/debian-only") == "yes\n")
            #expect(text(lab, "hv06", "/etc/trunkline-engine/debian-only") == nil)
            let second = Self.execute(arguments)
            #expect(second.status == 0, "\(second.output)")
            #expect(second.output.contains("hv06  skipped  [3] file: debian only"))
            #expect(!second.output.contains("(handler)"))
            #expect(text(lab, "hv04", "/etc/trunkline-engine/handler.log") == "ran\n")
        }

        @Test(
            "a role's template extends the playbook's base, imports macros, includes a header and looks up a file; the hosts get its bytes, and a second apply changes nothing"
        )
        func templatesReadingTemplates() throws {
            let lab = try LabFleet()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-include-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let files = [
                "site.yml": "- hosts: all\n  vars: {ports: [eth2, eth3]}\n  roles: [agent]\n",
                "roles/agent/steps.yml": "- file: {path: /etc/trunkline-engine/included, template: ports.j2}\n",
                "roles/agent/templates/ports.j2":
                    "{% extends 'base.j2' %}\n{% from 'macros.j2' import stanza %}\n{% block body %}\n{% for p in ports %}\n{{ stanza(p) }}\n{% endfor %}\n{% endblock %}\n",
                "roles/agent/templates/macros.j2":
                    "{% macro stanza(p) -%}\nauto {{ p }}\niface {{ p }} inet manual\n{%- endmacro %}\n",
                "templates/base.j2": "{% include 'header.j2' %}\n{% block body %}{% endblock %}# end\n",
                "templates/header.j2": "# {{ lookup('file', 'banner.txt') }}: {{ inventory_hostname }}\n",
                "roles/agent/files/banner.txt": "managed by Trunkline\n",
            ]
            for (path, text) in files {
                let file = directory.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            let arguments = [
                "apply", "-i", lab.run + "/inventory.yml", "--limit", Self.hosts.joined(separator: ","),
                directory.appendingPathComponent("site.yml").path,
            ]
            let first = Self.execute(arguments + ["--format", "json"])
            #expect(first.status == 2, "\(first.output)")
            let document = try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any]
            let steps = (document?["hosts"] as? [[String: Any]])?.compactMap {
                ($0["steps"] as? [[String: Any]])?.first
            }
            #expect(
                steps?.count == Self.hosts.count
                    && steps?.allSatisfy { ($0["seconds"] as? Double).map { $0 >= 0 } == true }
                        == true,
                "each host's step has its time from the host's apply log: \(first.output)")
            for host in Self.hosts {
                #expect(
                    text(lab, host, "/etc/trunkline-engine/included")
                        == "# managed by Trunkline: \(host)\nauto eth2\niface eth2 inet manual\nauto eth3\niface eth3 inet manual\n# end\n",
                    "\(first.output)")
            }
            let second = Self.execute(arguments)
            #expect(second.status == 0, "\(second.output)")
            try "a new banner\n".write(
                to: directory.appendingPathComponent("roles/agent/files/banner.txt"), atomically: true, encoding: .utf8)
            let changed = Self.execute(arguments + ["--diff"])
            #expect(changed.status == 2, "\(changed.output)")
            #expect(
                changed.output.contains("      -# managed by Trunkline: hv04")
                    && changed.output.contains("      +# a new banner: hv04"),
                "apply --diff shows what changed: \(changed.output)")
        }

        @Test("host blocks come in inventory order, though the first host finishes last")
        func hostBlocksInInventoryOrder() throws {
            let lab = try LabFleet()
            let playbook = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-order-\(UUID().uuidString).yml")
            defer { try? FileManager.default.removeItem(at: playbook) }
            try """
            - hosts: all
              steps:
                - command: {argv: [sleep, "2"]}
                  when: inventory_hostname == "\(Self.hosts[0])"
                - command: {argv: ["true"]}
            """.write(to: playbook, atomically: true, encoding: .utf8)
            let run = Self.execute([
                "apply", "-i", lab.run + "/inventory.yml", "--limit", Self.hosts.joined(separator: ","), playbook.path,
            ])
            let starts = Self.hosts.map { host in
                run.output.range(of: "\(host)  changed  [2]").map {
                    run.output.distance(from: run.output.startIndex, to: $0.lowerBound)
                }
            }
            #expect(
                starts.allSatisfy { $0 != nil } && starts.compactMap { $0 } == starts.compactMap { $0 }.sorted(),
                "\(run.output)")
        }

        @Test("facts: OS family, network configuration system, interfaces and the OVSDB of each host, as JSON")
        func facts() throws {
            let lab = try LabFleet()
            let facts = Self.execute([
                "facts", "-i", lab.run + "/inventory.yml", "--limit", Self.hosts.joined(separator: ","),
            ])
            #expect(facts.status == 0, "\(facts.output)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(facts.output.utf8)) as? [String: [String: Any]])
            #expect(document.keys.sorted() == Self.hosts)
            #expect(
                document["hv04"]?["os_id"] as? String == "ubuntu"
                    && document["hv04"]?["network_system"] as? String == "netplan")
            #expect(
                document["hv05"]?["os_family"] as? String == "debian"
                    && document["hv05"]?["network_system"] as? String == "ifupdown")
            #expect(
                document["hv06"]?["os_family"] as? String == "rhel"
                    && document["hv06"]?["network_system"] as? String == "network-scripts")
            #expect((document["hv05"]?["interfaces"] as? [String])?.contains("eth3") == true)
            #expect(document["hv05"]?["ovs"] is [String: Any])
        }

        @Test("package: installs and removals through each family's package manager, then nothing to do")
        func packages() throws {
            let lab = try LabFleet()
            let playbook = """
                - hosts: all
                  steps:
                    - package: {names: [openvswitch-switch, ifupdown]}
                      when: os_family == "debian"
                    - package: {names: [netplan.io], state: absent}
                      when: os_id == "ubuntu"
                    - package: {names: [NetworkManager], state: absent}
                      when: os_family == "rhel"
                """
            _ = try trunkline(
                lab, ["apply"],
                playbook: "- hosts: all\n  steps:\n    - package: {names: [openvswitch-switch], state: absent}\n")
            let apply = try trunkline(lab, ["apply"], playbook: playbook)
            #expect(apply.status == 2, "\(apply.output)")
            let packages = { (host: String) in
                Set((text(lab, host, "/var/lib/lab/packages") ?? "").split(separator: "\n").map(String.init))
            }
            #expect(
                packages("hv04").isSuperset(of: ["openvswitch-switch", "ifupdown"])
                    && !packages("hv04").contains("netplan.io"))
            #expect(packages("hv05").contains("openvswitch-switch"))
            #expect(!packages("hv06").contains("NetworkManager") && !packages("hv06").contains("openvswitch-switch"))
            #expect(text(lab, "hv06", "/var/log/lab/standins.log")?.contains("yum remove -y -- NetworkManager") == true)
            #expect(try trunkline(lab, ["apply"], playbook: playbook).status == 0)
        }

        @Test("the example playbook with every step kind: check, apply, and a second apply that changes nothing")
        func everyStepKind() throws {
            let lab = try LabFleet()
            let playbook = try String(
                contentsOfFile: Self.repository.appendingPathComponent("playbooks/every-step-kind.yml").path,
                encoding: .utf8)
            _ = try trunkline(
                lab, ["apply"],
                playbook:
                    "- hosts: all\n  steps:\n    - ovs: {bridges: [{name: cloudbr100, state: absent}, {name: cloudbr0, state: absent}]}\n"
            )
            let check = try trunkline(lab, ["check"], playbook: playbook)
            #expect(check.status == 2 || check.status == 0, "\(check.output)")
            let apply = try trunkline(lab, ["apply"], playbook: playbook)
            #expect(apply.status == 2, "\(apply.output)")
            #expect(!apply.output.contains("failed=1"), "\(apply.output)")
            let again = try trunkline(lab, ["apply"], playbook: playbook)
            #expect(again.status == 0, "\(again.output)")
            for host in Self.hosts {
                #expect(
                    text(lab, host, "/etc/trunkline/README")
                        == "Managed by Trunkline. Management VLAN 31, storage VLAN 100.\n")
                #expect(text(lab, host, "/etc/hostname") == "\(host)\n")
            }
            let hv06 = try #require(lab.hosts.first { $0.name == "hv06" })
            #expect(try lab.execute(on: hv06, ["ovs-vsctl", "br-to-vlan", "cloudbr100"]) == "100\n")
            #expect(try lab.execute(on: hv06, ["ovs-vsctl", "get", "Port", "mgmt0", "tag"]) == "31\n")
        }

        @Test(
            "a link cut while the apply script runs does not stop it; Trunkline reconnects and reports it",
            .timeLimit(.minutes(2)))
        func cutDuringApply() throws {
            let lab = try LabFleet()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-cut-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let playbook = directory.appendingPathComponent("play.yml").path
            try """
            - hosts: all
              steps:
                - command: {shell: "rm -f /etc/trunkline-engine/slow; sleep 4; mkdir -p /etc/trunkline-engine; echo done > /etc/trunkline-engine/slow"}
            """.write(toFile: playbook, atomically: true, encoding: .utf8)
            let lab5 = Self.repository.appendingPathComponent("scripts/lab").path
            let log = directory.appendingPathComponent("out").path
            let descriptor = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let pid = try LocalCommand.spawn(
                [Self.binary, "apply", "-i", lab.run + "/inventory.yml", "--limit", "hv05", playbook],
                output: descriptor)
            close(descriptor)
            // Longer than the waiter's 20-second exec deadline: the session must be given up and a new one made.
            usleep(1_500_000)
            try LocalCommand.run([lab5, "cut", "hv05"])
            usleep(24_000_000)
            try LocalCommand.run([lab5, "restore", "hv05"])
            let status = LocalCommand.wait(for: pid)
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(status == 2, "\(output)")
            #expect(output.contains("hv05  ok=0 changed=1 failed=0 unreachable=0"), "\(output)")
            #expect(text(lab, "hv05", "/etc/trunkline-engine/slow") == "done\n")
        }

        @Test(
            "network: the model's interfaces file and live OVS agree; the file alone rebuilds the network with ifup -a")
        func networkModel() throws {
            let lab = try LabFleet()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-net-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let variables = directory.appendingPathComponent("vars.yml").path
            try """
            network:
              datapath_type: netdev
              bonds: {nbond0: {interfaces: [eth2, eth3], mode: active-backup, lacp: "off", miimon: 100}}
              bridges:
                nbr0: {ports: [nbond0], address: 192.0.2.10/24, gateway: 192.0.2.1, dns-nameservers: [192.0.2.53]}
                nbr100: {parent: nbr0, vlan: 100, address: 198.51.100.10/24}
              internal:
                nmgmt0: {bridge: nbr0, tag: 31, mac: "52:54:00:00:00:31", external_ids: {iface-id: nmgmt0}, address: 203.0.113.10/24}
            """.write(toFile: variables, atomically: true, encoding: .utf8)
            let playbook = "- hosts: all\n  steps:\n    - network: {model: \"{{ network }}\"}\n"
            let hv05 = try #require(lab.hosts.first { $0.name == "hv05" })
            try lab.execute(on: hv05, ["sh", "-c", "ovs-vsctl --if-exists del-br nbr0; rm -f /run/network/ifstate*"])
            try lab.execute(
                on: try #require(lab.hosts.first { $0.name == "hv06" }),
                ["sh", "-c", "ovs-vsctl --if-exists del-br nbr0; rm -f /etc/sysconfig/network-scripts/ifcfg-n*"])
            // One model, one host at a time: giving its addresses to two hosts at once is refused.
            let together = try trunkline(lab, ["apply", "-e", "@" + variables], playbook: playbook)
            #expect(
                together.status == 1
                    && together.output.contains("address 192.0.2.10 is given to both hv04 (nbr0) and hv05 (nbr0)"))
            let netplan = try trunkline(lab, ["apply", "-e", "@" + variables], playbook: playbook, limit: ["hv04"])
            #expect(
                netplan.output.contains(
                    "hv04: FAILED! step 1 (network: {{ network }}): the host configures its network with netplan"),
                "\(netplan.output)")
            let apply = try trunkline(lab, ["apply", "-e", "@" + variables], playbook: playbook, limit: ["hv05"])
            #expect(apply.output.contains("hv05  ok=0 changed=1 failed=0 unreachable=0"), "\(apply.output)")
            let rhel = try trunkline(lab, ["apply", "-e", "@" + variables], playbook: playbook, limit: ["hv06"])
            #expect(rhel.output.contains("hv06  ok=0 changed=1 failed=0 unreachable=0"), "\(rhel.output)")
            #expect(
                text(lab, "hv06", "/etc/sysconfig/network-scripts/ifcfg-nbond0")?.contains("BOND_IFACES=\"eth2 eth3\"")
                    == true)
            #expect(
                text(lab, "hv06", "/etc/sysconfig/network-scripts/ifcfg-nmgmt0")?.contains("TYPE=OVSIntPort") == true)
            #expect(text(lab, "hv06", "/etc/sysconfig/network")?.contains("GATEWAY=192.0.2.1") == true)
            #expect(
                text(lab, "hv05", "/etc/network/interfaces")?.contains(
                    "iface nmgmt0 inet static\n    address 203.0.113.10") == true)
            #expect(
                try lab.execute(on: hv05, ["ovs-vsctl", "get", "Port", "nbond0", "bond_mode"]) == "active-backup\n")

            try lab.execute(on: hv05, ["sh", "-c", "ovs-vsctl del-br nbr0 && ifup -a"])
            #expect(try lab.execute(on: hv05, ["ovs-vsctl", "br-to-parent", "nbr100"]) == "nbr0\n")
            #expect(
                try lab.execute(on: hv05, ["ovs-vsctl", "get", "Interface", "nmgmt0", "mac", "external_ids:iface-id"])
                    == "\"52:54:00:00:00:31\"\nnmgmt0\n")
            #expect(
                try lab.execute(on: hv05, ["ovs-appctl", "bond/show", "nbond0"]).contains("bond_mode: active-backup"))
            #expect(
                try lab.execute(on: hv05, ["sh", "-c", "ip -br -4 addr show nmgmt0 | tr -s ' ' | cut -d' ' -f3"])
                    == "203.0.113.10/24\n")
            for host in ["hv05", "hv06"] {
                let check = try trunkline(lab, ["check", "-e", "@" + variables], playbook: playbook, limit: [host])
                #expect(
                    check.status == 0 && check.output.contains("\(host)  ok=1 changed=0 failed=0 unreachable=0"),
                    "\(check.output)")
            }
        }

        @Test(
            "role cloudstack-kvm (seed 004, OVS): Ubuntu, Debian and CentOS hosts configured, converged, and rebuilt from files"
        )
        func cloudstackRole() throws {
            let lab = try LabFleet()
            func run(_ command: String) -> Run {
                repositoryPlaybook(lab, command, "cloudstack-kvm.yml", variables: "lab-cloudstack.yml")
            }
            for host in lab.hosts where Self.hosts.contains(host.name) {
                try lab.execute(
                    on: host,
                    ["ovs-vsctl", "--if-exists", "del-br", "cloudbr0", "--", "--if-exists", "del-br", "cloudbr1"])
            }
            let first = run("apply")
            #expect(first.status == 2 || first.status == 0, "\(first.output)")
            #expect(!first.output.contains("failed=1"), "\(first.output)")
            let second = run("apply")
            #expect(second.status == 0, "\(second.output)")
            for host in lab.hosts where Self.hosts.contains(host.name) {
                func ovs(_ arguments: String...) throws -> String {
                    try lab.execute(on: host, ["ovs-vsctl"] + arguments)
                }
                #expect(try ovs("list-ports", "cloudbr0") == "bond0\n")
                #expect(try ovs("list-ports", "cloudbr1") == "bond1\n")
                #expect(
                    try ovs("get", "Port", "bond0", "bond_mode", "lacp", "other_config:bond-miimon-interval")
                        == "active-backup\noff\n\"100\"\n")
                #expect(try ovs("br-to-vlan", "cloudbr100") == "100\n")
                #expect(
                    text(lab, host.name, "/etc/cloudstack/agent/agent.properties")?.contains(
                        "network.bridge.type=openvswitch") == true)
                #expect(
                    text(lab, host.name, "/etc/modprobe.d/bridge-blacklist.conf")?.contains("install bridge /bin/false")
                        == true)
                #expect(
                    text(lab, host.name, "/etc/default/grub")?.contains("net.ifnames=0 biosdevname=0 ipv6.disable=1")
                        == true)
                #expect(text(lab, host.name, "/etc/cloud/cloud.cfg")?.contains("preserve_hostname: true") == true)
            }
            #expect(text(lab, "hv04", "/etc/default/grub")?.contains("netcfg/do_not_use_netplan=true") == true)
            #expect(
                text(lab, "hv04", "/etc/network/interfaces")?.contains(
                    "iface cloudbr0 inet static\n    address 192.168.100.4") == true)
            let hv04 = try #require(lab.hosts.first { $0.name == "hv04" })
            #expect(
                try lab.execute(
                    on: hv04, ["sh", "-c", "test -e /etc/netplan/50-cloud-init.yaml && echo present || echo absent"])
                    == "absent\n")
            #expect(text(lab, "hv04", "/var/lib/lab/packages")?.contains("netplan.io") == false)
            #expect(
                text(lab, "hv06", "/etc/sysconfig/network-scripts/ifcfg-cloudbr100")?.contains(
                    "OVS_OPTIONS=\"cloudbr0 100\"") == true)
            #expect(
                try lab.execute(on: lab.hosts[5], ["sh", "-c", "systemctl is-active NetworkManager || true"])
                    == "inactive\n")

            try lab.execute(
                on: hv04,
                [
                    "sh", "-c",
                    "ovs-vsctl del-br cloudbr0 && ovs-vsctl del-br cloudbr1 && rm -f /run/network/ifstate* && ifup -a",
                ])
            #expect(
                try lab.execute(on: hv04, ["sh", "-c", "ip -br -4 addr show cloudbr100 | tr -s ' ' | cut -d' ' -f3"])
                    == "10.0.100.4/16\n")
            let check = run("check")
            #expect(check.status == 0, "\(check.output)")
        }

        @Test(
            "roles homelab-trunk (seeds 001-003) and lacp-mgmt (seed 000): trunk, VLAN ports, IPv6 policy, LACP bond; converged"
        )
        func homelabAndLACPRoles() throws {
            let lab = try LabFleet()
            func run(_ command: String, _ playbook: String, _ variables: String, _ hosts: [String]) -> Run {
                repositoryPlaybook(lab, command, playbook, variables: variables, limit: hosts)
            }
            for host in lab.hosts where Self.hosts.contains(host.name) {
                // A bridge left with its own gateway would make ifup's default route for vlan31 fail
                // ("File exists") in the rebuild below: prune_bridges in the model removes it.
                try lab.execute(
                    on: host,
                    ["sh", "-c", "ovs-vsctl --may-exist add-br stale0 -- set Bridge stale0 datapath_type=netdev"])
            }
            let first = run("apply", "homelab-trunk.yml", "lab-homelab.yml", Self.hosts)
            #expect(!first.output.contains("failed=1") && !first.output.contains("FAILED"), "\(first.output)")
            let second = run("apply", "homelab-trunk.yml", "lab-homelab.yml", Self.hosts)
            #expect(second.status == 0, "\(second.output)")
            for host in lab.hosts where Self.hosts.contains(host.name) {
                func ovs(_ arguments: String...) throws -> String {
                    try lab.execute(on: host, ["ovs-vsctl"] + arguments)
                }
                #expect(
                    try ovs("get", "Port", "eth0", "tag", "vlan_mode", "trunks") == "31\nnative-untagged\n[31, 32]\n")
                #expect(try ovs("get", "Interface", "vlan31", "external_ids:iface-id") == "\(host.name)-vlan31-vif\n")
                #expect(try ovs("br-to-vlan", "vmbr0v32") == "32\n")
                #expect(try ovs("list-br") == "vmbr0\nvmbr0v32\n", "prune_bridges leaves only the model's bridges")
                #expect(
                    try lab.execute(
                        on: host,
                        [
                            "cat", "/proc/sys/net/ipv6/conf/vlan31/disable_ipv6",
                            "/proc/sys/net/ipv6/conf/vlan31/use_tempaddr",
                            "/proc/sys/net/ipv6/conf/vlan32/disable_ipv6",
                        ]) == "0\n2\n1\n")
                #expect(
                    text(lab, host.name, "/etc/default/openvswitch-switch")?.contains("OVS_CTL_OPTS='--delete-bridges'")
                        == true)
                let info = try lab.execute(on: host, ["virsh", "net-info", "libvirt-vmbr0"])
                #expect(
                    info.contains("Active:         yes") && info.contains("Autostart:      yes")
                        && info.contains("Bridge:         vmbr0"), "\(info)")
                let defined = text(lab, host.name, "/etc/libvirt/qemu/networks/libvirt-vmbr0.xml") ?? ""
                #expect(
                    defined.contains("<portgroup name='V31' default='yes'>")
                        && defined.contains("<tag id='31' nativeMode='untagged'/>"), "\(defined)")
            }
            let hv04 = try #require(lab.hosts.first { $0.name == "hv04" })
            try lab.execute(on: hv04, ["virsh", "net-destroy", "libvirt-vmbr0"])
            let stopped = run("check", "homelab-trunk.yml", "lab-homelab.yml", ["hv04"])
            #expect(
                stopped.status == 2 && stopped.output.contains("start libvirt network libvirt-vmbr0"),
                "\(stopped.output)")
            #expect(run("apply", "homelab-trunk.yml", "lab-homelab.yml", ["hv04"]).status == 2)
            #expect(try lab.execute(on: hv04, ["virsh", "net-list"]).contains("libvirt-vmbr0        active"))
            let hv05 = try #require(lab.hosts.first { $0.name == "hv05" })
            try lab.execute(on: hv05, ["sh", "-c", "ovs-vsctl del-br vmbr0 && rm -f /run/network/ifstate* && ifup -a"])
            #expect(try lab.execute(on: hv05, ["ovs-vsctl", "get", "Port", "eth0", "trunks"]) == "[31, 32]\n")
            #expect(
                try lab.execute(
                    on: hv05,
                    [
                        "cat", "/proc/sys/net/ipv6/conf/vlan31/use_tempaddr",
                        "/proc/sys/net/ipv6/conf/vlan32/disable_ipv6",
                    ]) == "2\n1\n",
                "\(text(lab, "hv05", "/var/log/lab/standins.log") ?? "")")
            #expect(
                try lab.execute(on: hv05, ["sh", "-c", "ip -br -4 addr show vlan32 | tr -s ' ' | cut -d' ' -f3"])
                    == "192.168.32.5/24\n")
            let lacp = run("apply", "lacp-mgmt.yml", "lab-lacp-mgmt.yml", ["hv05"])
            #expect(!lacp.output.contains("failed=1"), "\(lacp.output)")
            #expect(run("apply", "lacp-mgmt.yml", "lab-lacp-mgmt.yml", ["hv05"]).status == 0)
            #expect(
                try lab.execute(on: hv05, ["ovs-vsctl", "get", "Port", "bond0", "bond_mode", "lacp"])
                    == "balance-tcp\nactive\n")
            #expect(try lab.execute(on: hv05, ["ovs-vsctl", "get", "Port", "mgmt0", "tag"]) == "100\n")
            #expect(
                text(lab, "hv05", "/etc/network/interfaces")?.contains("ovs_options bond_mode=balance-tcp lacp=active")
                    == true)
        }

        @Test(
            "role cloudstack-kvm with the Linux-bridge backend: netplan on Ubuntu, ifcfg on CentOS, activated, converged"
        )
        func cloudstackLinuxBridge() throws {
            let lab = try LabFleet()
            func run() -> Run {
                repositoryPlaybook(
                    lab, "apply", "cloudstack-kvm.yml", variables: "lab-cloudstack-linux.yml", limit: ["hv04", "hv06"])
            }
            let first = run()
            #expect(!first.output.contains("failed=1") && !first.output.contains("FAILED"), "\(first.output)")
            #expect(run().status == 0)
            let netplan = text(lab, "hv04", "/etc/netplan/50-trunkline.yaml") ?? ""
            #expect(
                netplan.contains("    bond0:\n      dhcp4: false\n      interfaces: [eth0, eth1]")
                    && netplan.contains("addresses: [192.168.100.4/24]"), "\(netplan)")
            #expect(text(lab, "hv04", "/var/log/lab/standins.log")?.contains("netplan apply") == true)
            #expect(text(lab, "hv04", "/etc/modules")?.contains("bonding") == true)
            #expect(text(lab, "hv06", "/etc/sysconfig/network-scripts/ifcfg-bond0.100")?.contains("VLAN=yes") == true)
            #expect(
                text(lab, "hv06", "/etc/sysconfig/network-scripts/ifcfg-cloudbr0")?.contains("IPADDR=192.168.100.6")
                    == true)
            #expect(text(lab, "hv06", "/var/log/lab/standins.log")?.contains("systemctl restart network") == true)
            #expect(text(lab, "hv06", "/etc/modules-load.d/trunkline.conf") == "bonding\n")
            for host in lab.hosts where ["hv04", "hv06"].contains(host.name) {
                // netplan apply and restart network take the same commit-confirmed path as the ovs backend
                let activation = host.name == "hv04" ? "netplan apply" : "systemctl restart network"
                let latest =
                    "d=$(ls -td /var/lib/trunkline/runs/*/ | head -n 1); grep -x confirmed \"$d/log\"; grep -x '\(activation)' \"$d/activations\""
                #expect(try lab.execute(on: host, ["sh", "-c", latest]) == "confirmed\n\(activation)\n")
            }

            // Back to the Open vSwitch backend: the files only the Linux-bridge model had are removed.
            let back = repositoryPlaybook(
                lab, "apply", "cloudstack-kvm.yml", variables: "lab-cloudstack.yml", limit: ["hv04", "hv06"])
            #expect(
                back.output.contains("remove /etc/sysconfig/network-scripts/ifcfg-bond0.100 (no longer in the model)"),
                "\(back.output)")
            #expect(text(lab, "hv06", "/etc/sysconfig/network-scripts/ifcfg-bond0.100") == nil)
            #expect(text(lab, "hv06", "/etc/sysconfig/network-scripts/ifcfg-bond0")?.contains("TYPE=OVSBond") == true)
            #expect(text(lab, "hv04", "/etc/netplan/50-trunkline.yaml") == nil)
            #expect(
                repositoryPlaybook(
                    lab, "check", "cloudstack-kvm.yml", variables: "lab-cloudstack.yml", limit: ["hv04", "hv06"]
                ).status == 0)
        }

        @Test("a step that fails on one host fails that host only; the others finish")
        func failureIsPerHost() throws {
            let lab = try LabFleet()
            _ = try trunkline(lab, ["apply"], playbook: Self.reset)
            let playbook = """
                - name: failing on one host
                  hosts: all
                  steps:
                    - name: refuse on hv05
                      command: {shell: "test \\"$(hostname)\\" != hv05"}
                    - name: after it
                      file: {path: /etc/trunkline-engine/after.conf, content: "ran\\n"}
                """
            let run = try trunkline(lab, ["apply"], playbook: playbook)
            #expect(run.status == 6, "\(run.output)")
            #expect(run.output.contains("hv05  failed  [1] command: refuse on hv05"))
            #expect(run.output.contains("hv05  ok=0 changed=0 failed=1 unreachable=0"))
            #expect(run.output.contains("hv04  ok=0 changed=2 failed=0 unreachable=0"))
            #expect(text(lab, "hv04", "/etc/trunkline-engine/after.conf") == "ran\n")
            #expect(text(lab, "hv05", "/etc/trunkline-engine/after.conf") == nil)
        }

        @Test("a host variable with shell syntax reaches the host as a literal string and runs nothing")
        func injection() throws {
            let lab = try LabFleet()
            let host = try #require(lab.hosts.first { $0.name == "hv05" })
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "trunkline-injection-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let inventory = directory.appendingPathComponent("hosts.yml").path
            try """
            all:
              vars:
                ansible_user: root
                ansible_ssh_private_key_file: \(lab.run)/id_ed25519
                trunkline_known_hosts: \(lab.run)/known_hosts
              hosts:
                hv05:
                  ansible_host: \(host.address)
                  evil: "$(touch /tmp/pwned); reboot `touch /tmp/pwned2` 'quoted' \\"double\\""
            """.write(toFile: inventory, atomically: true, encoding: .utf8)
            let playbook = directory.appendingPathComponent("play.yml").path
            try """
            - hosts: all
              vars: {label: "managed"}
              steps:
                - lines: {path: /etc/trunkline-engine/evil.conf, set: {value: "{{ evil }}", label: "{{ label }}"}}
                - command: {argv: [sh, -c, 'printf "%s" "$1" > /etc/trunkline-engine/argv.txt', sh, "{{ evil }}"]}
            """.write(toFile: playbook, atomically: true, encoding: .utf8)
            let output = Self.execute(["apply", "-i", inventory, playbook]).output
            let evil = "$(touch /tmp/pwned); reboot `touch /tmp/pwned2` 'quoted' \"double\""
            #expect(
                text(lab, "hv05", "/etc/trunkline-engine/evil.conf") == "label=managed\nvalue=\(evil)\n", "\(output)")
            #expect(text(lab, "hv05", "/etc/trunkline-engine/argv.txt") == evil)
            for path in ["/tmp/pwned", "/tmp/pwned2"] {
                #expect(try lab.execute(on: host, ["sh", "-c", "test -e \(path) && echo yes || echo no"]) == "no\n")
            }
            let log = text(lab, "hv05", "/var/log/lab/standins.log") ?? ""
            #expect(!log.contains("reboot"))
        }

        @Test("an undefined variable is refused before any host is touched")
        func undefinedVariable() throws {
            let lab = try LabFleet()
            let before = try snapshot(lab)
            let run = try trunkline(
                lab, ["apply"],
                playbook: "- hosts: all\n  steps:\n    - lines: {path: /etc/x, set: {a: \"{{ mgmt_vlan }}\"}}\n")
            #expect(run.status == 1)
            #expect(
                run.output.contains("play.yml:3:29: error: undefined variable 'mgmt_vlan' in lines.set"),
                "\(run.output)")
            let differing = changed(before, try snapshot(lab))
            #expect(differing.isEmpty, "changed: \(differing)")
        }

        @Test(
            "invalid playbooks are refused with file:line:column before any host is touched",
            arguments: [
                (
                    "- hosts: all\n  steps:\n    - lines: {path: /x, sett: {a: 1}}\n",
                    "3:25: error: unknown argument 'sett' for a lines step (did you mean 'set'?)"
                ),
                (
                    "- hosts: all\n  steps:\n    - grub_cmdlin: {present: [a]}\n",
                    "3:7: error: unknown step kind 'grub_cmdlin' (did you mean 'grub_cmdline'?)"
                ),
                ("- hosts: all\n  stepz: []\n", "2:3: error: unknown key 'stepz' in a play (did you mean 'steps'?)"),
                ("- hosts: hv0x\n  steps: []\n", "1:10: error: unknown host pattern 'hv0x'"),
                (
                    "- hosts: all\n  steps:\n    - file: {path: /etc/x, content: [1]}\n",
                    "file.content must be a string, not a list"
                ),
                ("- hosts: all\n  steps:\n    - file: {path: /etc/x\n", "invalid YAML"),
                (
                    "- hosts: all\n  steps:\n    - ovs: {bridges: [{name: br0, ports: [{name: p, ovs_option: x}]}]}\n",
                    "unknown key 'ovs_option'"
                ),
            ])
        func invalid(playbook: String, expected: String) throws {
            let lab = try LabFleet()
            let before = try snapshot(lab)
            let run = try trunkline(lab, ["apply"], playbook: playbook)
            #expect(run.status == 1)
            #expect(run.output.contains(expected), "\(run.output)")
            let differing = changed(before, try snapshot(lab))
            #expect(differing.isEmpty, "changed: \(differing)")
        }
    }
}
