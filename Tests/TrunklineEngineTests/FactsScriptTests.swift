import TrunklineTestSupport
import Foundation
import Testing
import TrunklineCore
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
        #expect(facts.files["/etc/default/grub"] == .present(contents: Array("GRUB_CMDLINE_LINUX=\"\"\n".utf8), mode: 0o644, owner: "root", group: "root"))
        #expect(facts.files["/etc/empty"] == .present(contents: [], mode: 0o600, owner: "root", group: "adm"))
        #expect(facts.files["/etc/missing"] == .absent)
        #expect(facts.sysctl == ["net.ipv4.ip_forward": "0"])
        #expect(facts.checks == [["test", "-e", "/var/lib/done"]: 1])
    }

    @Test("a listing reads every matching file of its directory (never of the working directory), with bytes and mode")
    func listing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trunkline-listing-\(UUID().uuidString)")
        let scripts = root.appendingPathComponent("network scripts"), elsewhere = root.appendingPathComponent("cwd")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        _ = FileManager.default.createFile(atPath: scripts.appendingPathComponent("ifcfg-bond0.100").path, contents: Data("VLAN=yes\n".utf8), attributes: [.posixPermissions: 0o600])
        _ = FileManager.default.createFile(atPath: scripts.appendingPathComponent("ifcfg-eth0").path, contents: Data(), attributes: [.posixPermissions: 0o644])
        _ = FileManager.default.createFile(atPath: scripts.appendingPathComponent("route-eth0").path, contents: Data("x".utf8))
        _ = FileManager.default.createFile(atPath: elsewhere.appendingPathComponent("ifcfg-cwd").path, contents: Data("x".utf8))
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
        if case .present(_, let mode, _, _)? = facts.files[bond] { #expect(mode == 0o600) } else { Issue.record("\(String(describing: facts.files[bond]))") }
    }

    @Test("output that does not answer what was asked is refused")
    func unreadable() throws {
        let (_, request) = FactsScript.command(for: Self.needs)
        #expect(throws: FactsScript.Unreadable.self) { try FactsScript.parse("@@os\nID=debian\n", request: request) }
    }
}
