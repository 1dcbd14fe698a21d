import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

/// The facts script run on this machine: what it reads is what the host's own tools print, and
/// the processes it starts do not grow with the files and keys it reads.
@Suite("The facts script on this host")
struct FactsOnThisHostTests {
    /// A temporary directory with files of every kind the script tells apart, removed at the end.
    final class Root {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-facts-host-\(UUID().uuidString)"
        ).path

        init(files: Int = 0, listed: Int = 0) throws {
            try FileManager.default.createDirectory(
                atPath: path + "/listed/ifcfg-dir", withIntermediateDirectories: true)
            try write("a", "a=1\n", mode: 0o640)
            try write("empty", "", mode: 0o600)
            try write("binary", "\0\n\u{1}no newline", mode: 0o644)
            try FileManager.default.createSymbolicLink(atPath: path + "/link", withDestinationPath: path + "/a")
            try FileManager.default.createSymbolicLink(
                atPath: path + "/listed/ifcfg-link", withDestinationPath: path + "/a")
            for index in 0..<files {
                try write("file\(index)", String(repeating: "KEY\(index)=value\n", count: 20), mode: 0o644)
            }
            for index in 0..<listed { try write("listed/ifcfg-eth\(index)", "DEVICE=eth\(index)\n", mode: 0o644) }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ name: String, _ text: String, mode: Int) throws {
            guard
                FileManager.default.createFile(
                    atPath: path + "/" + name, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
            else {
                throw FactsScript.Unreadable(description: "cannot write \(name)")
            }
        }
    }

    /// Keys of each kind: one value, several fields, `/` separators, a directory, write-only,
    /// absent.
    static let sysctlKeys: Set<String> = [
        "kernel.ostype", "kernel.printk", "net.ipv4.ip_local_port_range", "net/ipv4/ip_forward",
        "kernel.keys", "net.ipv4.route.flush", "no.such.key",
    ]

    /// The script's output for `needs`, its standard error left out.
    static func output(_ needs: FactNeeds) throws -> (output: String, request: FactsScript.Request) {
        let (command, request) = FactsScript.command(for: needs)
        return (try LocalCommand.run(["sh", "-c", "exec 2>/dev/null\n" + command.argv[2]]), request)
    }

    /// What `sysctl -n KEY` prints, as the facts keep it; nil where it fails.
    static func sysctl(_ key: String) -> String? {
        (try? LocalCommand.run(["sysctl", "-n", key])).map { $0.split(separator: "\n").joined(separator: "\n") }
    }

    /// A file as `stat` (not following a link) and its bytes (following it) tell.
    static func file(_ path: String) throws -> FileState {
        let fields = try LocalCommand.run(["stat", "-c", "%a %U %G", "--", path]).split(whereSeparator: \.isWhitespace)
            .map(String.init)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return .present(
            contents: bytes, mode: try #require(Int32(fields[0], radix: 8)), owner: fields[1], group: fields[2])
    }

    @Test("files read in one batch are what stat and their bytes say")
    func batched() throws {
        let root = try Root()
        let (output, request) = try Self.output(FactNeeds(files: [root.path + "/a", root.path + "/binary"]))
        let facts = try FactsScript.parse(output, request: request)
        #expect(output.contains("@@contents\n"))
        for name in ["a", "binary"] {
            #expect(facts.files[root.path + "/" + name] == (try Self.file(root.path + "/" + name)))
        }
    }

    @Test("a batch of only /proc files (each of size 0 by stat, yet with bytes) is read file by file")
    func procFilesAlone() throws {
        let proc = ["/proc/sys/kernel/ostype", "/proc/sys/kernel/osrelease"]
        let (output, request) = try Self.output(FactNeeds(files: Set(proc)))
        let facts = try FactsScript.parse(output, request: request)
        #expect(output.contains("@@contents-each\n"))
        for path in proc { #expect(facts.files[path]?.text == (try LocalCommand.run(["cat", path])), "\(path)") }
    }

    @Test(
        "sysctl values, files, listings, the host name, interfaces and live network read back as the host's own tools print them"
    )
    func sameAsTheTools() throws {
        let root = try Root(listed: 2)
        let paths = ["a", "empty", "binary", "link"].map { root.path + "/" + $0 }
        // A /proc file's size is 0, not what cat reads: the batch does not add up, and every file is read alone.
        let proc = "/proc/sys/kernel/ostype"
        let needs = FactNeeds(
            files: Set(paths + [root.path + "/missing", proc]), sysctlKeys: Self.sysctlKeys,
            listings: [root.path + "/listed/ifcfg-*"], facts: [LiveNetwork.self])
        let (output, request) = try Self.output(needs)
        let facts = try FactsScript.parse(output, request: request)
        #expect(
            facts.sysctl
                == Dictionary(
                    uniqueKeysWithValues: Self.sysctlKeys.compactMap { key in Self.sysctl(key).map { (key, $0) } }))
        #expect(facts.sysctl["kernel.printk"]?.contains("\t") == true && facts.sysctl["net.ipv4.route.flush"] == "")
        for path in paths { #expect(facts.files[path] == (try Self.file(path)), "\(path)") }
        #expect(facts.files[root.path + "/missing"] == .absent && output.contains("@@contents-each\n"))
        #expect(facts.files[proc]?.text == (try LocalCommand.run(["cat", proc])))
        let listed = ["ifcfg-eth0", "ifcfg-eth1", "ifcfg-link"].map { root.path + "/listed/" + $0 }
        #expect(facts.listings == [root.path + "/listed/ifcfg-*": listed])
        for path in listed { #expect(facts.files[path] == (try Self.file(path)), "\(path)") }
        #expect(facts.hostname == (try LocalCommand.run(["hostname"])).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(
            facts.interfaces
                == (try LocalCommand.run(["ls", "/sys/class/net"])).split(separator: "\n").map(String.init).sorted())
        #expect(try Self.liveAgrees(facts.live, needs: needs))
    }

    /// Whether `live` is what the three `ip` listings say, reading both again (up to twice) if
    /// an interface came or went in between.
    static func liveAgrees(_ live: LiveNetwork?, needs: FactNeeds) throws -> Bool {
        var live = live
        for _ in 0..<3 {
            func lines(_ argv: [String]) throws -> [String] {
                try LocalCommand.run(argv).split(separator: "\n").map(String.init)
            }
            let direct = LiveNetwork.parse(
                addresses: try lines(["ip", "-o", "-4", "addr", "show"]),
                routes: try lines(["ip", "-4", "route", "show", "default"]),
                links: try lines(["ip", "-o", "link", "show"]))
            if live == direct { return true }
            let (output, request) = try Self.output(needs)
            live = try FactsScript.parse(output, request: request).live
        }
        return false
    }

    /// The processes a run of `needs`' script starts (`strace -f -c`: its forks and vforks).
    static func processes(_ needs: FactNeeds) throws -> Int {
        try forks(["sh", "-c", "exec 2>/dev/null\n" + FactsScript.command(for: needs).command.argv[2]])
    }

    /// The processes `argv` starts (`strace -f -c`: its forks and vforks).
    static func forks(_ argv: [String]) throws -> Int {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-facts-strace-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: log) }
        try LocalCommand.run(["strace", "-f", "-c", "-e", "trace=process", "-o", log] + argv)
        let rows = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: " ")
        }
        return rows.filter { ["fork", "vfork", "clone", "clone3"].contains($0.last ?? "") }.compactMap { Int($0[3]) }
            .reduce(0, +)
    }

    /// A CloudStack host's needs (playbooks/cloudstack-kvm.yml) with `files` files of its own and
    /// `listed` listed, and the bridge and IPv6 sysctl keys `keys` times over.
    static func cloudStack(_ root: Root, files: Int, listed: Int, keys: Int) -> FactNeeds {
        let interfaces = (0..<(4 * keys)).map { "eth\($0)" }
        let sysctl =
            ["arptables", "iptables", "ip6tables"].map { "net.bridge.bridge-nf-call-" + $0 }
            + interfaces.map { "net.ipv6.conf.\($0).disable_ipv6" }
        let paths =
            (0..<files).map { root.path + "/file\($0)" } + ["/etc/netplan/50-cloud-init.yaml", root.path + "/missing"]
        return FactNeeds(
            files: Set(paths), sysctlKeys: Set(sysctl + ["kernel.ostype", "kernel.printk"]),
            listings: [root.path + "/listed/ifcfg-*"],
            facts: [OVSFact.self, LiveNetwork.self, BootState.self, KernelIPv6Fact.self])
    }

    /// The boot section's script with its grub.cfg, modprobe.d and /proc/modules under `root`.
    static func bootScript(under root: String) -> String {
        BootState.script.replacingOccurrences(of: "/boot/grub", with: root + "/boot/grub")
            .replacingOccurrences(of: "/etc/modprobe.d", with: root + "/modprobe.d")
            .replacingOccurrences(of: "/proc/modules", with: root + "/modules")
    }

    @Test(
        "one awk reads grub.cfg's first linux line and the loaded modules modprobe.d blacklists, or none runs",
        arguments: [
            (grub: true, modules: true, grubby: false), (grub: true, modules: false, grubby: false),
            (grub: false, modules: true, grubby: false), (grub: false, modules: false, grubby: false),
            (grub: true, modules: true, grubby: true), (grub: true, modules: false, grubby: true),
        ])
    func bootSection(grub: Bool, modules: Bool, grubby: Bool) throws {
        let root = try Root()
        if grub {
            try FileManager.default.createDirectory(
                atPath: root.path + "/boot/grub2", withIntermediateDirectories: true)
            try root.write(
                "boot/grub2/grub.cfg",
                "menuentry 'x' {\n\tlinux16 /vmlinuz-5 root=/dev/vda1 ro quiet\n}\n\tlinux /other nope\n", mode: 0o644)
        }
        if modules {
            try FileManager.default.createDirectory(
                atPath: root.path + "/modprobe.d", withIntermediateDirectories: true)
            try root.write(
                "modprobe.d/a.conf", "blacklist bridge\ninstall nouveau /bin/false\nblacklist absent\n", mode: 0o644)
            try root.write("modprobe.d/b.conf", "blacklist bridge\ninstall bonding /sbin/modprobe x\n", mode: 0o644)
            try root.write("modprobe.d/ignored", "blacklist bonding\n", mode: 0o644)
            try root.write("modules", "bridge 1 0 - Live\nbonding 2 0 - Live\nnouveau 3 0 - Live\n", mode: 0o444)
        }
        // grubby where asked for (a script on PATH that prints what grubby --info prints), else none.
        try FileManager.default.createDirectory(atPath: root.path + "/bin", withIntermediateDirectories: true)
        try root.write(
            "bin/grubby", "#!/bin/sh\nprintf 'index=0\\nkernel=\"/vmlinuz-3\"\\nargs=\"ro crashkernel=auto\"\\n'\n",
            mode: 0o755)
        let script =
            (grubby ? "PATH=\(root.path)/bin:$PATH\n" : "command() { return 1; }\n") + Self.bootScript(under: root.path)
        let output = try LocalCommand.run(["sh", "-c", "exec 2>/dev/null\n" + script])
        let lines = TextLines.split(output)
        let marker = try #require(lines.firstIndex(of: "@@modules"))
        let loader = grubby ? "grubby ro crashkernel=auto" : grub ? "grub /vmlinuz-5 root=/dev/vda1 ro quiet" : ""
        #expect(marker == (loader.isEmpty ? 3 : 4) && lines[2] == loader, "\(lines)")
        let boot = BootState.parse(boot: Array(lines[..<marker]), modules: Array(lines[(marker + 1)...]))
        #expect(boot.next == (grubby ? ["ro", "crashkernel=auto"] : grub ? ["root=/dev/vda1", "ro", "quiet"] : nil))
        #expect(boot.blacklistedButLoaded == (modules ? ["bridge", "nouveau"] : []))
        // With grubby's answer, grub.cfg is not read: awk runs for the modules alone, grubby once.
        let forks = try Self.forks(["sh", "-c", script])
        let awk = (grub && !grubby) || modules ? 1 : 0
        #expect(forks == awk + (grubby ? 1 : 0), "\(forks) processes")
    }

    /// Whether this machine gives the boot section's awk something to read (bootSection).
    static var bootAwkRuns: Bool {
        let files = FileManager.default
        let modprobe = (try? files.contentsOfDirectory(atPath: "/etc/modprobe.d")) ?? []
        return files.isReadableFile(atPath: "/boot/grub/grub.cfg")
            || files.isReadableFile(atPath: "/boot/grub2/grub.cfg")
            || (files.isReadableFile(atPath: "/proc/modules") && modprobe.contains { $0.hasSuffix(".conf") })
    }

    @Test("the script starts a fixed handful of processes, however many files, listed files and sysctl keys it reads")
    func processCount() throws {
        let small = try Root(files: 8, listed: 4), large = try Root(files: 24, listed: 12)
        let few = try Self.processes(Self.cloudStack(small, files: 8, listed: 4, keys: 1))
        let many = try Self.processes(Self.cloudStack(large, files: 24, listed: 12, keys: 3))
        #expect(few == many, "\(few) processes for 8 files, \(many) for 24")
        // ip, ovsdb-client, one awk for the sysctl values, stat and od for the batch (each its own command
        // substitution, no shell between), and stat and base64 for the listed symbolic link, read alone.
        // The boot section's awk runs only where there is a grub.cfg, or modules and modprobe.d files.
        #expect(few <= 7 + (Self.bootAwkRuns ? 1 : 0), "\(few) processes")
    }
}
