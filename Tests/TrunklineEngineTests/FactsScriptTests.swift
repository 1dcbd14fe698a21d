import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("Gathering facts")
struct FactsScriptTests {
    static var needs: FactNeeds {
        var needs = FactNeeds()
        needs.files = ["/etc/default/grub", "/etc/missing", "/etc/empty"]
        needs.sysctlKeys = ["net.ipv4.ip_forward", "net.bridge.bridge-nf-call-iptables"]
        needs.checks = [["test", "-e", "/var/lib/done"]]
        return needs
    }

    @Test("the script quotes every value and asks for each file, key and check once, in a stable order")
    func script() {
        var tricky = FactNeeds()
        tricky.files = ["/etc/it's here; reboot"]
        let (command, _) = FactsScript.command(for: tricky)
        #expect(command.argv[0...1] == ["sh", "-c"])
        #expect(command.argv[2].contains(#"tl_file 0 '/etc/it'\''s here; reboot'"#))
        let (first, request) = FactsScript.command(for: Self.needs)
        #expect(first == FactsScript.command(for: Self.needs).command)
        #expect(request.files == ["/etc/default/grub", "/etc/empty", "/etc/missing"])
    }

    @Test("raw output becomes facts: OS, network system, files with bytes and mode, sysctls, checks")
    func parse() throws {
        let (_, request) = FactsScript.command(for: Self.needs)
        let grub = Data("GRUB_CMDLINE_LINUX=\"\"\n".utf8).base64EncodedString()
        let output = """
            @@os
            PRETTY_NAME="CentOS Linux 7 (Core)"
            ID="centos"
            ID_LIKE="rhel fedora"
            VERSION_ID="7"
            @@hostname
            hv03
            @@interfaces
            eth1
            eth0
            lo
            @@netsys
            network-scripts
            @@file 0
            644 root root
            \(grub)
            @@file 1
            600 root adm

            @@file 2
            absent
            @@sysctl 0
            @@absent
            @@sysctl 1
            0
            @@check 0
            1

            """
        let facts = try FactsScript.parse(output, request: request)
        #expect(facts.osFamily == .rhel && facts.osID == "centos" && facts.osVersion == "7")
        #expect(facts.networkSystem == .networkScripts && facts.hostname == "hv03")
        #expect(facts.interfaces == ["eth0", "eth1", "lo"])
        #expect(
            facts.files["/etc/default/grub"]
                == .present(
                    contents: Array("GRUB_CMDLINE_LINUX=\"\"\n".utf8), mode: 0o644, owner: "root", group: "root"))
        #expect(facts.files["/etc/empty"] == .present(contents: [], mode: 0o600, owner: "root", group: "adm"))
        #expect(facts.files["/etc/missing"] == .absent)
        #expect(facts.sysctl == ["net.ipv4.ip_forward": "0"])
        #expect(facts.checks == [["test", "-e", "/var/lib/done"]: 1])
    }

    @Test("a listing reads every matching file of its directory (never of the working directory), with bytes and mode")
    func listing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-listing-\(UUID().uuidString)")
        let scripts = root.appendingPathComponent("network scripts"), elsewhere = root.appendingPathComponent("cwd")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        _ = FileManager.default.createFile(
            atPath: scripts.appendingPathComponent("ifcfg-bond0.100").path, contents: Data("VLAN=yes\n".utf8),
            attributes: [.posixPermissions: 0o600])
        _ = FileManager.default.createFile(
            atPath: scripts.appendingPathComponent("ifcfg-eth0").path, contents: Data(),
            attributes: [.posixPermissions: 0o644])
        _ = FileManager.default.createFile(
            atPath: scripts.appendingPathComponent("route-eth0").path, contents: Data("x".utf8))
        _ = FileManager.default.createFile(
            atPath: elsewhere.appendingPathComponent("ifcfg-cwd").path, contents: Data("x".utf8))
        var needs = FactNeeds()
        needs.listings = [scripts.path + "/ifcfg-*", root.path + "/none/ifcfg-*"]
        let (command, request) = FactsScript.command(for: needs)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = Array(command.argv.dropFirst())
        process.currentDirectoryURL = elsewhere
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let facts = try FactsScript.parse(String(decoding: data, as: UTF8.self), request: request)
        let bond = scripts.path + "/ifcfg-bond0.100", eth = scripts.path + "/ifcfg-eth0"
        #expect(facts.listings == [scripts.path + "/ifcfg-*": [bond, eth], root.path + "/none/ifcfg-*": []])
        #expect(facts.files[bond]?.text == "VLAN=yes\n" && facts.files[eth]?.text == "")
        if case .present(_, let mode, _, _)? = facts.files[bond] {
            #expect(mode == 0o600)
        } else {
            Issue.record("\(String(describing: facts.files[bond]))")
        }
    }

    @Test(
        "batched files are cut from one od line by their sizes, or read each alone; bytes that disagree with the sizes are refused"
    )
    func batchedFiles() throws {
        var needs = FactNeeds(files: ["/etc/a", "/etc/b", "/etc/c"], listings: ["/etc/d/x-*"])
        let (_, request) = FactsScript.command(for: needs)
        let sections =
            "@@file 0\nbatched\n@@file 1\nabsent\n@@file 2\n777 root root\n\(Data("a".utf8).base64EncodedString())\n@@listed 0\n/etc/d/x-1\nbatched\n"
        let sized = try FactsScript.parse(
            sections + "@@contents\n\(Self.od("a=1\nxy"))\n640 root adm 4\n600 daemon root 2\n",
            request: request)
        #expect(
            sized.files["/etc/a"] == .present(contents: Array("a=1\n".utf8), mode: 0o640, owner: "root", group: "adm"))
        #expect(
            sized.files["/etc/b"] == .absent
                && sized.files["/etc/c"]
                    == .present(contents: Array("a".utf8), mode: 0o777, owner: "root", group: "root")
        )
        #expect(
            sized.files["/etc/d/x-1"]
                == .present(contents: Array("xy".utf8), mode: 0o600, owner: "daemon", group: "root"))
        let each = try FactsScript.parse(
            sections + "@@contents-each\n640 root adm\n\(Data("z".utf8).base64EncodedString())\n600 daemon root\n\n",
            request: request)
        #expect(each.files["/etc/a"] == .present(contents: Array("z".utf8), mode: 0o640, owner: "root", group: "adm"))
        #expect(each.files["/etc/d/x-1"] == .present(contents: [], mode: 0o600, owner: "daemon", group: "root"))
        #expect(throws: FactsScript.Unreadable.self) {
            try FactsScript.parse(
                sections
                    + "@@contents\n\(Self.od("a=1\nxyz"))\n640 root adm 4\n600 daemon root 2\n",
                request: request)
        }
        #expect(throws: FactsScript.Unreadable.self) {
            try FactsScript.parse(sections + "@@contents\n 61\n640 root adm -1\n", request: request)
        }
        #expect(throws: FactsScript.Unreadable.self) {
            try FactsScript.parse(sections + "@@contents\nYQ==\n640 root adm 1\n", request: request)
        }
        needs.files = ["/etc/a"]
        #expect(throws: FactsScript.Unreadable.self) {
            try FactsScript.parse("@@file 0\nbatched\n", request: FactsScript.command(for: needs).request)
        }
    }

    @Test(
        "a sysctl key names its /proc/sys file as sysctl reads it: dots and slashes trade places unless the key starts with a slash separator"
    )
    func sysctlFile() {
        #expect(SysctlFile.path(of: "net.ipv4.ip_forward") == "/proc/sys/net/ipv4/ip_forward")
        #expect(SysctlFile.path(of: "net.ipv4.conf.eth0/100.rp_filter") == "/proc/sys/net/ipv4/conf/eth0.100/rp_filter")
        #expect(SysctlFile.path(of: "net/ipv4/conf/eth0.100/rp_filter") == "/proc/sys/net/ipv4/conf/eth0.100/rp_filter")
        #expect(
            SysctlFile.path(of: "net..ipv4") == nil && SysctlFile.path(of: "../etc/passwd") == nil
                && SysctlFile.path(of: "net.ipv4.conf.it's") == nil)
    }

    @Test("output that does not answer what was asked is refused")
    func unreadable() throws {
        let (_, request) = FactsScript.command(for: Self.needs)
        #expect(throws: FactsScript.Unreadable.self) { try FactsScript.parse("@@os\nID=debian\n", request: request) }
    }

    @Test(
        "one exec prints each requested fact's section once: the identity always, any other fact only when a step needs it"
    )
    func sectionsInScript() {
        let (bare, request) = FactsScript.command(for: FactNeeds())
        #expect(
            bare.argv.count == 3 && request.facts.map { $0.type.section } == ["hostname", "interfaces", "netsys", "os"])
        let (command, _) = FactsScript.command(for: FactNeeds(facts: [BootState.self, OVSFact.self, BootState.self]))
        for section in ["boot", "hostname", "interfaces", "netsys", "os", "ovs"] {
            #expect(command.argv[2].components(separatedBy: "printf '@@\(section)\\n'").count == 2, "\(section)")
        }
        #expect(!command.argv[2].contains("@@ipv6") && !command.argv[2].contains("@@live"))
        var everything = Self.needs
        everything.facts = Set(PlayConvergenceTests.sections.keys)
        #expect(throws: Never.self) {
            try LocalCommand.run(["sh", "-n", "-c", FactsScript.command(for: everything).command.argv[2]])
        }
    }

    @Test("every fact has a section of its own, none named like a keyed read")
    func sectionNames() {
        let sections = PlayConvergenceTests.sections.keys.map { $0.type.section }
        #expect(Set(sections).count == sections.count)
        #expect(
            sections.allSatisfy { !["file", "sysctl", "check", "listed", "absent"].contains($0) && !$0.contains(" ") })
    }

    @Test("a fact's own @@ lines are parts of its section, read by the fact")
    func factParts() throws {
        let output = """
            @@os
            ID=debian
            @@boot
            b1
            BOOT_IMAGE=/vmlinuz ro
            grub /vmlinuz ro

            @@modules
            bridge
            @@live
            2: eth0    inet 10.0.0.2/24 brd 10.0.0.255 scope global eth0\\       valid_lft forever preferred_lft forever
            @@routes
            default via 10.0.0.1 dev eth0
            @@links
            2: eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc fq_codel state DOWN mode DEFAULT group default qlen 1000

            """
        let (_, request) = FactsScript.command(for: FactNeeds(facts: [BootState.self, LiveNetwork.self]))
        let facts = try FactsScript.parse(output, request: request)
        #expect(facts.boot == BootState(bootID: "b1", running: ["ro"], next: ["ro"], blacklistedButLoaded: ["bridge"]))
        #expect(
            facts.live
                == LiveNetwork(
                    addresses: ["eth0": ["10.0.0.2/24"]], defaultRoute: .init(gateway: "10.0.0.1", device: "eth0"),
                    down: ["eth0"]))
        #expect(facts.osFamily == .debian && facts.networkSystem == .ifupdown)
    }

    @Test("the OVS section is the database, or why it does not answer")
    func ovs() throws {
        let listing = OVSStepTests.listing.split(separator: "\n").map(String.init)
        #expect(try OVSFact.parse(listing) == OVSDatabaseJSON.parse(OVSStepTests.listing))
        // The answer as the section holds it: white space and empty lines around it are no part of it.
        let padded = try OVSFact.parse(["", " \t"] + listing + ["", "\r", ""])
        #expect(try padded == OVSDatabaseJSON.parse(OVSStepTests.listing) && !padded.bridges.isEmpty)
        let down = [
            "ovsdb-client: failed to connect to \"unix:/var/run/openvswitch/db.sock\" (No such file or directory)",
            "@@ovs-unavailable",
            "ovsdb-server is not running", "ovs-vswitchd is not running", "",
        ]
        let error = #expect(throws: FactsScript.Unreadable.self) { try OVSFact.parse(down) }
        #expect(
            error?.description
                == "Open vSwitch does not answer: ovsdb-server is not running; ovs-vswitchd is not running "
                + "(ovsdb-client: failed to connect to \"unix:/var/run/openvswitch/db.sock\" (No such file or directory))"
        )
        let refused = [#"[{"rows":[]},{"error":"unknown column","details":"No column lacp in table Port."},null]"#]
        let refusal = #expect(throws: OVSDatabaseJSON.Unreadable.self) { try OVSFact.parse(refused) }
        #expect(refusal?.description == "the OVSDB refused the read: unknown column (No column lacp in table Port.)")
        #expect(throws: OVSDatabaseJSON.Unreadable.self) { try OVSFact.parse([#"[{"rows":[]},{"rows":[]}]"#]) }
        #expect(throws: OVSDatabaseJSON.Unreadable.self) { try OVSFact.parse([#"[{"rows":[]},{"rows":[]},null]"#]) }
        #expect(throws: OVSDatabaseJSON.Unreadable.self) { try OVSFact.parse(["ovsdb-client: not JSON"]) }
    }

    @Test("the OS family and the network system are what os-release and the host's files say")
    func vocabulary() {
        #expect(OSRelease.parse(["ID=rocky", "ID_LIKE=\"rhel centos fedora\""]).family == .rhel)
        #expect(OSRelease.parse(["ID=linuxmint", "ID_LIKE=\"ubuntu debian\""]).family == .debian)
        #expect(
            OSRelease.parse(["ID=alpine"]).family == .other("alpine") && OSRelease.parse([]).family.name == "unknown")
        #expect(OSFamily.rhel.name == "rhel" && OSFamily.other("alpine").name == "alpine")
        #expect(NetworkSystem.parse(["network-scripts"]) == .networkScripts && NetworkSystem.parse([]) == .ifupdown)
    }

    @Test(
        "round trip on this machine: the one script runs in one sh, and every section reads back as the machine has it")
    func roundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-facts-\(UUID().uuidString)")
            .path
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("a=1\n".utf8), attributes: [.posixPermissions: 0o640])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let needs = FactNeeds(
            files: [path, path + ".missing"], sysctlKeys: ["kernel.ostype", "no.such.key"],
            checks: [["true"], ["false"]],
            facts: [KernelIPv6Fact.self, BootState.self])
        let (command, request) = FactsScript.command(for: needs)
        let facts = try FactsScript.parse(try LocalCommand.run(command.argv), request: request)
        func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
        #expect(facts.os == OSRelease.parse(try contents("/etc/os-release").components(separatedBy: "\n")))
        #expect(
            facts.hostname
                == (try contents("/proc/sys/kernel/hostname")).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(facts.interfaces.contains("lo") && facts.interfaces == facts.interfaces.sorted())
        #expect(
            facts.networkSystem
                == (FileManager.default.fileExists(atPath: "/etc/sysconfig/network-scripts")
                    ? .networkScripts
                    : ((try? FileManager.default.contentsOfDirectory(atPath: "/etc/netplan")) ?? []).contains {
                        $0.hasSuffix(".yaml")
                    } ? .netplan : .ifupdown))
        #expect(facts.kernelIPv6 == FileManager.default.fileExists(atPath: "/proc/sys/net/ipv6"))
        #expect(
            facts.boot?.bootID
                == (try contents("/proc/sys/kernel/random/boot_id")).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(
            facts.boot?.running
                == (try contents("/proc/cmdline")).split(separator: " ").map(String.init)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
                    !$0.isEmpty && !$0.hasPrefix("BOOT_IMAGE=")
                })
        #expect(facts.files[path]?.text == "a=1\n" && facts.files[path + ".missing"] == .absent)
        if case .present(_, let mode, _, _)? = facts.files[path] {
            #expect(mode == 0o640)
        } else {
            Issue.record("\(String(describing: facts.files[path]))")
        }
        #expect(facts.sysctl == ["kernel.ostype": "Linux"])
        #expect(facts.checks == [["true"]: 0, ["false"]: 1])
    }

    /// `text`'s bytes as `od -An -v -tx1` prints them on one line.
    static func od(_ text: String) -> String {
        text.utf8.map { " " + String($0 >> 4, radix: 16) + String($0 & 0xf, radix: 16) }.joined()
    }

    @Test("an od line reads back as its bytes, every byte value; anything else is refused")
    func hexadecimalBytes() {
        let all = (0...255).map { UInt8($0) }
        let line = all.map { " " + String($0 >> 4, radix: 16) + String($0 & 0xf, radix: 16) }.joined()
        #expect(FileBatch.bytes(hexadecimal: line) == all)
        #expect(FileBatch.bytes(hexadecimal: "") == [])
        for bad in [" 6", " 6g", "6c ", " 6C", "  6c", " 6c 6"] {
            #expect(FileBatch.bytes(hexadecimal: bad) == nil, "\(bad)")
        }
    }
}
