import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport
import Yams

@testable import TrunklineEngine

/// Nothing a value says can run on a host or add a directive to a rendered file: every value
/// that lands in a file parsed by a shell or line by line is refused at validation with its
/// field and place, and what is legitimate is written so that the file's real consumer reads
/// it back literally.
@Suite("Hostile values: refused with their place, or held literally by the real consumer")
struct HostileValueTests {
    /// Shell syntax, line breaks, quotes, look-alikes and option-like words.
    static let shellPayloads = [
        "$(touch${IFS}x)", "`touch${IFS}x`", "a;touch x", "a\nb", "a\"b", "a'b", "a b", "a\\b", "a&b",
        "br<x>&y", "a|b", "${IFS}", "a#b", "a*", "５２", "ａ",
        // A quote, `$` or backquote and a combining mark are one Swift character; a shell reads the quote.
        "a\"\u{301};touch x", "a'\u{301};touch x", "`\u{301}touch x`\u{301}", "$\u{301}(touch x)",
    ]
    static let optionPayloads = ["-r", "--help"]

    /// A step whose one field carries the payload.
    struct Case: CustomTestStringConvertible, Sendable {
        let field: String
        let payloads: [String]
        let build: @Sendable (String) throws -> Void
        var testDescription: String { field }
    }

    static func network(_ model: @escaping @Sendable (String) -> [String: Value]) -> @Sendable (String) throws -> Void {
        { payload in _ = try StepHarness.step(NetworkStep.self, ["model": .map(model(payload))]) }
    }

    static let bridge: Value = .map(["ports": .list([.string("eth0")]), "address": .string("10.0.0.2/24")])

    static let cases: [Case] = [
        Case(field: "grub_cmdline.present[0]", payloads: shellPayloads) {
            _ = try StepHarness.step(GrubCmdlineStep.self, ["present": .list([.string($0)])])
        },
        Case(field: "grub_cmdline.absent[0]", payloads: shellPayloads) {
            _ = try StepHarness.step(GrubCmdlineStep.self, ["absent": .list([.string($0)])])
        },
        Case(
            field: "network.bridges.name", payloads: shellPayloads + optionPayloads,
            build: network { ["bridges": .map([$0: bridge])] }),
        Case(
            field: "network.bridges.br0.ports[0]", payloads: shellPayloads + optionPayloads,
            build: network { ["bridges": .map(["br0": .map(["ports": .list([.string($0)])])])] }),
        Case(
            field: "network.bonds.bond0.interfaces[1]", payloads: shellPayloads + optionPayloads,
            build: network {
                [
                    "bonds": .map(["bond0": .map(["interfaces": .list([.string("eth0"), .string($0)])])]),
                    "bridges": .map(["br0": .map(["ports": .list([.string("bond0")])])]),
                ]
            }),
        Case(
            field: "network.bridges.br0.dns-search[0]", payloads: shellPayloads + optionPayloads + [".", ""],
            build: network {
                [
                    "bridges": .map([
                        "br0": .map([
                            "ports": .list([.string("eth0")]), "address": .string("10.0.0.2/24"),
                            "dns-search": .list([.string($0)]),
                        ])
                    ])
                ]
            }),
        Case(
            field: "network.internal.mgmt0.external_ids.iface-id", payloads: shellPayloads,
            build: network {
                [
                    "bridges": .map(["br0": bridge]),
                    "internal": .map([
                        "mgmt0": .map(["bridge": .string("br0"), "external_ids": .map(["iface-id": .string($0)])])
                    ]),
                ]
            }),
        Case(
            field: "network.internal.mgmt0.external_ids key", payloads: shellPayloads + optionPayloads,
            build: network {
                [
                    "bridges": .map(["br0": bridge]),
                    "internal": .map([
                        "mgmt0": .map(["bridge": .string("br0"), "external_ids": .map([$0: .string("x")])])
                    ]),
                ]
            }),
        Case(
            field: "network.internal.mgmt0.mac", payloads: shellPayloads + ["５２:54:00:12:34:56", "52:54:00:12:34:5"],
            build: network {
                [
                    "bridges": .map(["br0": bridge]),
                    "internal": .map(["mgmt0": .map(["bridge": .string("br0"), "mac": .string($0)])]),
                ]
            }),
        Case(field: "ovs.bridges[0].other_config.k", payloads: shellPayloads) {
            _ = try StepHarness.step(
                OVSStep.self,
                ["bridges": .list([.map(["name": .string("br0"), "other_config": .map(["k": .string($0)])])])])
        },
        Case(field: "sysctl.settings key", payloads: shellPayloads + optionPayloads + ["", ".a"]) {
            _ = try StepHarness.step(SysctlStep.self, ["settings": .map([$0: .int(1)])])
        },
        Case(field: "sysctl.settings.k", payloads: ["1\nkernel.panic = 1", "1\r", "1\u{0}"]) {
            _ = try StepHarness.step(SysctlStep.self, ["settings": .map(["k": .string($0)])])
        },
        Case(field: "lines.set.KEY", payloads: ["a\nb", "a\rb", "a\u{2028}b"]) {
            _ = try StepHarness.step(LinesStep.self, ["path": .string("/etc/x"), "set": .map(["KEY": .string($0)])])
        },
        Case(field: "lines.set key", payloads: ["a\nb", "a b", "a=b", "", "a=\u{301}b", "a:\u{301}b"]) {
            _ = try StepHarness.step(LinesStep.self, ["path": .string("/etc/x"), "set": .map([$0: .string("v")])])
        },
        Case(field: "lines.lines[0]", payloads: ["a\nb", "post-up x\u{0}"]) {
            _ = try StepHarness.step(LinesStep.self, ["path": .string("/etc/x"), "lines": .list([.string($0)])])
        },
        Case(field: "module_blacklist.modules[0]", payloads: shellPayloads + optionPayloads) {
            _ = try StepHarness.step(ModuleBlacklistStep.self, ["modules": .list([.string($0)])])
        },
        Case(field: "modules_load.modules[0]", payloads: shellPayloads + optionPayloads) {
            _ = try StepHarness.step(ModulesLoadStep.self, ["modules": .list([.string($0)])])
        },
        Case(field: "service.name", payloads: shellPayloads.filter { $0 != "a\\b" } + optionPayloads) {
            _ = try StepHarness.step(ServiceStep.self, ["name": .string($0), "state": .string("started")])
        },
        Case(field: "package.names[0]", payloads: shellPayloads + optionPayloads) {
            _ = try StepHarness.step(PackageStep.self, ["names": .list([.string($0)])])
        },
        Case(field: "libvirt_network.bridge", payloads: shellPayloads + optionPayloads) {
            _ = try StepHarness.step(LibvirtNetworkStep.self, ["name": .string("n"), "bridge": .string($0)])
        },
    ]

    @Test("every hostile value is refused at validation, naming the field and the place", arguments: cases)
    func refused(_ testCase: Case) {
        for payload in testCase.payloads {
            do {
                try testCase.build(payload)
                Issue.record("\(testCase.field): \(payload.debugDescription) was accepted")
            } catch let error as InputError {
                #expect(error.description.hasPrefix("play.yml:7:5: "), "\(error)")
                let field = testCase.field.split(separator: ".").last.map(String.init)!
                #expect(error.description.contains(field), "\(testCase.field): \(error)")
                #expect(
                    !error.description.contains("\n"), "an error is one line: \(error.description.debugDescription)")
            } catch {
                Issue.record("\(testCase.field): \(error)")
            }
        }
    }

    @Test("legitimate values still pass: punctuation that kernel arguments, OVS values and units use")
    func legitimate() throws {
        _ = try StepHarness.step(
            GrubCmdlineStep.self,
            [
                "present": .list(
                    [
                        "console=ttyS0,115200n8", "rd.lvm.lv=centos/root", "netcfg/do_not_use_netplan=true",
                        "crashkernel=256M@16M",
                    ].map(Value.string))
            ])
        _ = try StepHarness.step(
            ServiceStep.self,
            ["name": .string("systemd-fsck@dev-disk-by\\x2dlabel-a.service"), "state": .string("started")])
        _ = try StepHarness.step(
            SysctlStep.self,
            [
                "settings": .map([
                    "net/ipv4/conf/eth0.100/rp_filter": .int(0),
                    "net.ipv4.ip_local_port_range": .string("32768\t60999"),
                ])
            ])
        _ = try StepHarness.step(PackageStep.self, ["names": .list([.string("libc6:amd64"), .string("g++")])])
        _ = try StepHarness.step(
            LinesStep.self, ["path": .string("/etc/x"), "set": .map(["a.b-c": .string("$(literal) 'quoted' \"x\"")])])
    }

    // MARK: - The real consumers

    /// An Open vSwitch model with a MAC, external IDs using all the punctuation their rule
    /// allows, and search domains.
    static func ovsModel() throws -> NetworkModel {
        try StepHarness.step(
            NetworkStep.self,
            [
                "model": .map([
                    "bonds": .map([
                        "bond0": .map([
                            "interfaces": .list([.string("eth0"), .string("eth1")]), "mode": .string("balance-slb"),
                            "miimon": .int(100),
                        ])
                    ]),
                    "bridges": .map([
                        "vmbr0": .map([
                            "ports": .list([
                                .map([
                                    "name": .string("bond0"), "tag": .int(31), "vlan_mode": .string("native-untagged"),
                                    "trunks": .list([.int(31), .int(32)]),
                                ])
                            ]),
                            "address": .string("192.168.1.10/24"), "gateway": .string("192.168.1.1"),
                            "dns-search": .list([.string("zone1.example"), .string("lab_b-c.example")]),
                        ])
                    ]),
                    "internal": .map([
                        "vlan32": .map([
                            "bridge": .string("vmbr0"), "tag": .int(32), "mac": .string("52:54:00:AA:bb:01"),
                            "address": .string("10.0.32.2/24"),
                            "external_ids": .map([
                                "iface-id": .string("vlan32"), "k.x:y": .string("a=b,c:d/e@f+g_h-i.j"),
                            ]),
                        ])
                    ]),
                ])
            ]
        ).model
    }

    static let expectedOVSExtra = [
        "set", "Interface", "vlan32", #"mac="52:54:00:aa:bb:01""#, #"external_ids:"iface-id"="vlan32""#,
        #"external_ids:"k.x:y"="a=b,c:d/e@f+g_h-i.j""#,
    ]

    @Test(
        "grub: /etc/default/grub passes sh -n and, sourced, holds exactly the arguments",
        .enabled(if: RealConsumer.has("sh")))
    func grubSourced() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        let arguments = ["console=ttyS0,115200n8", "rd.lvm.lv=centos/root", "a=b:c@d%e+f", "net.ifnames=0"]
        let step = try StepHarness.step(GrubCmdlineStep.self, ["present": .list(arguments.map(Value.string))])
        let (_, after) = StepHarness.cycle(
            step, StepHarness.facts(files: ["/etc/default/grub": "GRUB_DEFAULT=0\nGRUB_CMDLINE_LINUX=\"quiet\"\n"]))
        try consumer.write("grub", try #require(StepHarness.text(after, "/etc/default/grub")))
        #expect(try consumer.run(["sh", "-n", "grub"]).status == 0)
        #expect(
            try consumer.sourced("grub", ["GRUB_CMDLINE_LINUX"])
                == ([["quiet"] + arguments].map { $0.joined(separator: " ") }))
    }

    @Test(
        "ifcfg: every file passes sh -n; sourced, OVS_EXTRA splits into ifup-ovs's ovs-vsctl words",
        .enabled(if: RealConsumer.has("sh")))
    func ifcfgSourced() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        let files = NetworkScriptsRenderer.files(try Self.ovsModel())
        for (path, text) in files {
            let name = String(path.split(separator: "/").last!)
            try consumer.write(name, text)
            #expect(try consumer.run(["sh", "-n", name]).status == 0, "\(name)")
            let device = try #require(try consumer.sourced(name, ["DEVICE"]), "\(name) does not source")
            #expect(device == [String(name.dropFirst("ifcfg-".count))])
        }
        #expect(try consumer.sourced("ifcfg-vmbr0", ["DOMAIN"]) == ["zone1.example lab_b-c.example"])
        let split = try consumer.run(["sh", "-c", #". ./ifcfg-vlan32; set -- $OVS_EXTRA; printf '%s\0' "$@""#])
        #expect(split.output.split(separator: "\0").map(String.init) == Self.expectedOVSExtra)
    }

    @Test("ifcfg quoting: any value, sourced, comes back literally", .enabled(if: RealConsumer.has("sh")))
    func ifcfgQuoting() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        for payload in Self.shellPayloads where !payload.contains("\0") {
            try consumer.write("ifcfg-x", NetworkScriptsRenderer.quoted("VALUE", payload) + "\n")
            #expect(try consumer.sourced("ifcfg-x", ["VALUE"]) == [payload], "\(payload.debugDescription)")
            #expect(!FileManager.default.fileExists(atPath: consumer.directory.appendingPathComponent("x").path))
        }
    }

    @Test(
        "ifupdown: ifquery reads every stanza; the OVS hook's eval of ovs_extra gives the same words",
        .enabled(if: RealConsumer.has("ifquery")))
    func interfacesParsed() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        let file = try consumer.write("interfaces", IfupdownRenderer.render(try Self.ovsModel()))
        let listed = try consumer.run(["ifquery", "-i", file, "--list", "--allow=ovs"])
        #expect(listed.status == 0, "\(listed.errors)")
        #expect(listed.output == "vmbr0\n")
        let stanza = try consumer.run(["ifquery", "-i", file, "vlan32"])
        #expect(stanza.status == 0, "\(stanza.errors)")
        let extra = try #require(stanza.output.split(separator: "\n").first { $0.hasPrefix("ovs_extra: ") }).dropFirst(
            "ovs_extra: ".count)
        #expect(stanza.output.contains("dns-search") == false)
        let search = try consumer.run(["ifquery", "-i", file, "vmbr0"])
        #expect(search.output.contains("dns-search: zone1.example lab_b-c.example\n"), "\(search.output)")
        // What openvswitch's ifupdown.sh does with it.
        let hook = try consumer.run([
            "env", "IFACE=vlan32", "IF_OVS_EXTRA=\(extra)", "sh", "-c",
            #"eval OVS_EXTRA=\"${IF_OVS_EXTRA}\"; set -- $OVS_EXTRA; printf '%s\0' "$@""#,
        ])
        #expect(hook.output.split(separator: "\0").map(String.init) == Self.expectedOVSExtra)
    }

    @Test(
        "ovs_extra escaping: any value, through the hook's eval in double quotes, comes back literally",
        .enabled(if: RealConsumer.has("sh")))
    func ovsExtraEscaping() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        // Run in an empty directory: the hook leaves the expansion unquoted, so a glob would match
        // files (validation refuses `*` and `?` in the values that reach it). A line break cannot
        // be in the interfaces file at all.
        for payload in Self.shellPayloads where !payload.contains("\n") {
            let hook = try consumer.run([
                "env", "IF_OVS_EXTRA=\(OVSExtra.escapedForDoubleQuotes(payload))", "sh", "-c",
                #"eval OVS_EXTRA=\"${IF_OVS_EXTRA}\"; printf '%s' "$OVS_EXTRA""#,
            ])
            #expect(hook.output == payload, "\(payload.debugDescription)")
        }
    }

    /// A Linux-bridge model built without validation, so that the emitter alone must hold
    /// hostile strings.
    static func hostileNetplanModel(_ payload: String) -> NetworkModel {
        var layer3 = NetworkModel.Layer3()
        layer3.address = NetworkModel.Address(ip: IPv4Address("192.168.50.2")!, prefix: 24)
        layer3.dnsSearch = [payload]
        return NetworkModel(
            backend: .linuxBridge, datapathType: nil,
            bonds: [
                NetworkModel.Bond(name: payload, interfaces: ["eth0", payload], mode: .activeBackup, primary: payload)
            ],
            bridges: [NetworkModel.Bridge(name: "br0", uplinks: [NetworkModel.Uplink(name: payload)], layer3: layer3)],
            internalPorts: [])
    }

    @Test("netplan: the emitter holds any string literally; no value adds a key or a route")
    func netplanEmitter() throws {
        let payloads =
            Self.shellPayloads + [
                "x]\n      routes: [{to: 0.0.0.0/0, via: 192.168.50.66}]", "yes", "0x10", "~", "- a", "a: b", "#c",
                "&anchor", "*alias", "!!python",
            ]
        for payload in payloads {
            let yaml = NetplanRenderer.render(Self.hostileNetplanModel(payload))
            let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any])
            let network = try #require(parsed["network"] as? [String: Any])
            let bridge = try #require((network["bridges"] as? [String: Any])?["br0"] as? [String: Any])
            #expect(
                Set(bridge.keys) == ["interfaces", "dhcp4", "addresses", "nameservers", "parameters"],
                "\(payload.debugDescription)")
            #expect(((bridge["nameservers"] as? [String: Any])?["search"] as? [String]) == [payload])
            #expect((bridge["interfaces"] as? [String]) == [payload])
            let bond = try #require(
                (network["bonds"] as? [String: Any])?[payload] as? [String: Any], "\(payload.debugDescription)")
            #expect(((bond["parameters"] as? [String: Any])?["primary"] as? String) == payload)
        }
    }

    @Test(
        "netplan: the real netplan generate takes the rendering without a warning",
        .enabled(if: RealConsumer.has("netplan")))
    func netplanGenerate() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        let model = try StepHarness.step(NetworkStep.self, ["model": LinuxBridgeTests.model]).model
        try consumer.write(
            "etc/netplan/50-trunkline.yaml", NetplanRenderer.render(model), mode: Int(NetplanRenderer.mode))
        let result = try consumer.run(["netplan", "generate", "--root-dir", consumer.directory.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty, "netplan warned: \(result.errors)")
        let network = try String(
            contentsOf: consumer.directory.appendingPathComponent("run/systemd/network/10-netplan-cloudbr0.network"),
            encoding: .utf8)
        #expect(network.contains("Gateway=192.168.100.1"), "\(network)")
        #expect(network.contains("Domains=mycloud.local"), "\(network)")
    }

    @Test(
        "libvirt XML: escaping holds any value in text and both attribute quotes, as xmllint reads it",
        .enabled(if: RealConsumer.has("xmllint")))
    func xmlEscaping() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        for payload in Self.shellPayloads + ["]]>", "&amp;", "<!--", "\t"] {
            let escaped = MarkupText.escaped(payload, lineBreaks: .references)
            let file = try consumer.write("x.xml", "<a single='\(escaped)' double=\"\(escaped)\">\(escaped)</a>\n")
            for path in ["/a/@single", "/a/@double", "/a"] {
                let result = try consumer.run(["xmllint", "--noout", "--xpath", "string(\(path))", file])
                #expect(result.status == 0, "\(payload.debugDescription): \(result.errors)")
                #expect(result.output.dropLast() == payload, "\(payload.debugDescription) at \(path)")
            }
        }
    }

    @Test(
        "libvirt XML: the rendered network is valid for libvirt's own schema",
        .enabled(if: RealConsumer.has("virt-xml-validate")))
    func libvirtValid() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        let step = try StepHarness.step(
            LibvirtNetworkStep.self,
            [
                "name": .string("ovs-vmbr0"), "bridge": .string("vmbr0"), "trunks": .list([.int(31), .int(32)]),
                "native_vlan": .int(31),
                "portgroups": .list([
                    .map(["name": .string("vlan-31"), "tag": .int(31), "default": .bool(true)]),
                    .map(["name": .string("vlan-32"), "tag": .int(32)]),
                ]),
            ])
        let file = try consumer.write("network.xml", step.xml)
        let result = try consumer.run(["virt-xml-validate", file, "network"])
        #expect(result.status == 0, "\(result.output)\(result.errors)")
    }
}

/// The escaping functions, as properties over seeded random strings: whatever the string, its
/// consumer reads it back literally.
@Suite("Escaping round trips over random strings")
struct EscapingPropertyTests {
    /// Strings from every ASCII character but NUL (no shell variable or C string holds it),
    /// with some non-ASCII.
    static func strings(count: Int, seed: UInt64) -> [String] {
        var generator = SeededRandom(seed: seed)
        let alphabet =
            (1...127).map { Character(Unicode.Scalar(UInt8($0))) } + ["é", "€", "５", "\u{2028}", "😀", "\u{301}"]
        return (0..<count).map { _ in
            String(
                (0..<Int(generator.next() % 24)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
    }

    @Test(
        "ifcfg quoting: sourced by sh, each of 300 random values comes back byte for byte",
        .enabled(if: RealConsumer.has("sh")))
    func ifcfg() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        let values = Self.strings(count: 300, seed: 16)
        let file =
            values.enumerated().map { NetworkScriptsRenderer.quoted("V\($0.offset)", $0.element) }.joined(
                separator: "\n") + "\n"
        try consumer.write("ifcfg-random", file)
        let names = values.indices.map { "V\($0)" }
        #expect(try consumer.sourced("ifcfg-random", names) == values)
    }

    @Test(
        "ovs_extra escaping: through the hook's eval in double quotes, each of 300 random values comes back",
        .enabled(if: RealConsumer.has("sh")))
    func ovsExtra() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        // As ifupdown's hook has it: the value comes in a variable, expanded unquoted into the
        // eval, so runs of blanks fold into one space (and globs match nothing here).
        let values = Self.strings(count: 300, seed: 17)
        let script = values.indices.map { #"eval V=\"${E\#($0)}\"; printf '%s\0' "$V""# }.joined(separator: "\n")
        let environment = values.enumerated().map { "E\($0.offset)=\(OVSExtra.escapedForDoubleQuotes($0.element))" }
        let result = try consumer.run(["env"] + environment + ["sh", "-c", script])
        let folded = values.map { $0.replacingOccurrences(of: "[ \t\n]+", with: " ", options: .regularExpression) }
        let read = result.output.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
        let wrong = zip(read, folded).filter { $0 != $1 }.prefix(3).map {
            "\($0.1.unicodeScalars.map(\.value)) read as \($0.0.unicodeScalars.map(\.value))"
        }
        #expect(read.count == folded.count && wrong.isEmpty, "\(wrong)")
    }

    @Test(
        "XML escaping: xmllint reads each of 300 random values back from an attribute",
        .enabled(if: RealConsumer.has("xmllint")))
    func xml() throws {
        let consumer = try RealConsumer()
        defer { consumer.remove() }
        // XML 1.0 holds no other control characters, even as references; validation refuses them.
        let values = Self.strings(count: 300, seed: 18).map {
            $0.filter { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 || "\t\n\r".unicodeScalars.contains($0) } }
        }
        let document =
            "<r>" + values.map { "<v a='\(MarkupText.escaped($0, lineBreaks: .references))'/>" }.joined() + "</r>\n"
        let file = try consumer.write("random.xml", document)
        for (index, value) in values.enumerated().prefix(60) {
            let result = try consumer.run(["xmllint", "--noout", "--xpath", "string(/r/v[\(index + 1)]/@a)", file])
            #expect(
                String(String.UnicodeScalarView(result.output.unicodeScalars.dropLast())) == value,
                "\(value.unicodeScalars.map(\.value)) read as \(result.output.unicodeScalars.map(\.value))")
        }
        #expect(try consumer.run(["xmllint", "--noout", file]).status == 0)
    }
}
