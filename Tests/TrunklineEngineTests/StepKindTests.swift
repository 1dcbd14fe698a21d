import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("Step kinds: pure plans, diffs, and idempotence")
struct StepKindTests {
    static let grub = """
        # If you change this file, run 'update-grub' afterwards
        GRUB_DEFAULT=0
        GRUB_CMDLINE_LINUX_DEFAULT="quiet"
        GRUB_CMDLINE_LINUX="console=ttyS0 biosdevname=1 rd.lvm.lv=centos/root"

        """

    @Test("grub_cmdline replaces biosdevname=1 in place, adds, removes, keeps the rest; then nothing to do")
    func grubCmdline() throws {
        let step = try StepHarness.step(
            GrubCmdlineStep.self,
            [
                "present": .list(["net.ifnames=0", "biosdevname=0", "ipv6.disable=1"].map(Value.string)),
                "absent": .list([.string("rd.lvm.lv=centos/root")]),
            ])
        let (changes, after) = StepHarness.cycle(
            step, StepHarness.facts(family: .rhel, files: ["/etc/default/grub": Self.grub]))
        #expect(changes.count == 1)
        #expect(
            changes[0].summary
                == "add biosdevname=0 net.ifnames=0 ipv6.disable=1, remove biosdevname=1 rd.lvm.lv=centos/root in GRUB_CMDLINE_LINUX"
        )
        #expect(
            StepHarness.text(after, "/etc/default/grub")
                == Self.grub.replacingOccurrences(
                    of: "console=ttyS0 biosdevname=1 rd.lvm.lv=centos/root",
                    with: "console=ttyS0 biosdevname=0 net.ifnames=0 ipv6.disable=1"))
        #expect(changes[0].effects.last == .run(["grub2-mkconfig", "-o", "/boot/grub2/grub.cfg"]))
        #expect(changes[0].diff.contains("-GRUB_CMDLINE_LINUX=\"console=ttyS0 biosdevname=1 rd.lvm.lv=centos/root\""))
        #expect(step.plan(after).isEmpty)
    }

    @Test("grub_cmdline on the Debian family regenerates with update-grub and edits _DEFAULT when asked")
    func grubDefault() throws {
        let step = try StepHarness.step(
            GrubCmdlineStep.self,
            [
                "present": .list([.string("netcfg/do_not_use_netplan=true")]),
                "variable": .string("GRUB_CMDLINE_LINUX_DEFAULT"),
            ])
        let (changes, after) = StepHarness.cycle(step, StepHarness.facts(files: ["/etc/default/grub": Self.grub]))
        #expect(changes[0].effects.last == .run(["update-grub"]))
        #expect(
            StepHarness.text(after, "/etc/default/grub")?.contains(
                "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet netcfg/do_not_use_netplan=true\"") == true)
        #expect(step.plan(after).isEmpty)
    }

    @Test("lines sets KEY=VALUE in place, drops later duplicates, appends what is missing, keeps comments")
    func lines() throws {
        let original =
            "# agent settings\nnetwork.bridge.type=native\n#libvirt.vif.driver=old\nhost=10.0.0.1\nnetwork.bridge.type=x\n"
        let step = try StepHarness.step(
            LinesStep.self,
            [
                "path": .string("/etc/cloudstack/agent/agent.properties"),
                "set": .map([
                    "network.bridge.type": .string("openvswitch"),
                    "libvirt.vif.driver": .string("com.cloud.hypervisor.kvm.resource.OvsVifDriver"),
                ]),
            ])
        let (changes, after) = StepHarness.cycle(
            step, StepHarness.facts(files: ["/etc/cloudstack/agent/agent.properties": original]))
        #expect(
            StepHarness.text(after, "/etc/cloudstack/agent/agent.properties")
                == "# agent settings\nnetwork.bridge.type=openvswitch\n#libvirt.vif.driver=old\nhost=10.0.0.1\nlibvirt.vif.driver=com.cloud.hypervisor.kvm.resource.OvsVifDriver\n"
        )
        #expect(changes.count == 1)
        #expect(step.plan(after).isEmpty)
    }

    @Test(
        "a file with CRLF line ends stays CRLF: lines are matched without their \\r, edited in place, then nothing to do"
    )
    func crlfLines() throws {
        let path = "/etc/cloudstack/agent/agent.properties"
        let step = try StepHarness.step(
            LinesStep.self, ["path": .string(path), "set": .map(["network.bridge.type": .string("openvswitch")])])
        let (_, after) = StepHarness.cycle(
            step, StepHarness.facts(files: [path: "host=1\r\nnetwork.bridge.type=native\r\nport=8250\r\n"]))
        #expect(StepHarness.text(after, path) == "host=1\r\nnetwork.bridge.type=openvswitch\r\nport=8250\r\n")
        #expect(step.plan(after).isEmpty)
        #expect(step.plan(StepHarness.facts(files: [path: "network.bridge.type=openvswitch\r\n"])).isEmpty)
        let blacklist = "/etc/modprobe.d/bridge-blacklist.conf"
        let absent = try StepHarness.step(
            LinesStep.self,
            [
                "path": .string(blacklist), "lines": .list([.string("install bridge /bin/false")]),
                "state": .string("absent"),
            ])
        let (_, removed) = StepHarness.cycle(
            absent, StepHarness.facts(files: [blacklist: "# keep\r\ninstall bridge /bin/false\r\n"]))
        #expect(StepHarness.text(removed, blacklist) == "# keep\r\n")
        let present = try StepHarness.step(
            LinesStep.self, ["path": .string(blacklist), "lines": .list([.string("install bridge /bin/false")])])
        #expect(present.plan(StepHarness.facts(files: [blacklist: "install bridge /bin/false\r\n"])).isEmpty)
        let grub = try StepHarness.step(GrubCmdlineStep.self, ["present": .list([.string("net.ifnames=0")])])
        let (_, edited) = StepHarness.cycle(
            grub, StepHarness.facts(files: ["/etc/default/grub": "GRUB_TIMEOUT=5\r\nGRUB_CMDLINE_LINUX=\"quiet\"\r\n"]))
        #expect(
            StepHarness.text(edited, "/etc/default/grub")
                == "GRUB_TIMEOUT=5\r\nGRUB_CMDLINE_LINUX=\"quiet net.ifnames=0\"\r\n")
        #expect(grub.plan(edited).isEmpty)
        #expect(TextLines.split("a\r\nb\n\nc") == ["a\r", "b", "", "c"])
        #expect(TextLines.split("a\r\nb\n\nc\n", omittingEmpty: true) == ["a\r", "b", "c"])
        #expect(TextLines.split("") == [""] && TextLines.split("é\n✓") == ["é", "✓"])
        #expect(TextLines.fileLines("a\r\nb\r\n").lines == ["a", "b"] && TextLines.fileLines("a\r\nb").crlf)
        #expect(TextLines.fileLines("a\r").lines == ["a\r"] && !TextLines.fileLines("a\r").crlf)
    }

    @Test("ovs-vsctl values: every quote and backslash escaped, also one that a combining mark follows")
    func ovsStrings() {
        #expect(OVSStep.ovsString(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(OVSStep.ovsString("x\"\u{301},y=1") == "\"x\\\"\u{301},y=1\"")
    }

    @Test("lines with a space separator and exact lines, present and absent; a missing file is created")
    func exactLines() throws {
        let blacklist = try StepHarness.step(
            LinesStep.self,
            [
                "path": .string("/etc/modprobe.d/bridge-blacklist.conf"),
                "lines": .list([.string("install bridge /bin/false")]),
            ])
        let (_, created) = StepHarness.cycle(blacklist, StepHarness.facts())
        #expect(StepHarness.text(created, "/etc/modprobe.d/bridge-blacklist.conf") == "install bridge /bin/false\n")
        #expect(blacklist.plan(created).isEmpty)
        let removal = try StepHarness.step(
            LinesStep.self,
            [
                "path": .string("/etc/modprobe.d/bridge-blacklist.conf"),
                "lines": .list([.string("install bridge /bin/false")]), "state": .string("absent"),
            ])
        let (_, removed) = StepHarness.cycle(removal, created)
        #expect(StepHarness.text(removed, "/etc/modprobe.d/bridge-blacklist.conf") == "")
        let spaced = try StepHarness.step(
            LinesStep.self,
            [
                "path": .string("/etc/x.conf"), "separator": .string(" "),
                "set": .map(["Port": .int(2222)]),
            ])
        let (_, after) = StepHarness.cycle(spaced, StepHarness.facts(files: ["/etc/x.conf": "PortX 1\nPort 22\n"]))
        #expect(StepHarness.text(after, "/etc/x.conf") == "PortX 1\nPort 2222\n")
        let yaml = try StepHarness.step(
            LinesStep.self,
            [
                "path": .string("/etc/cloud/cloud.cfg"), "separator": .string(": "),
                "set": .map(["preserve_hostname": .bool(true)]),
            ])
        let (_, cloud) = StepHarness.cycle(
            yaml, StepHarness.facts(files: ["/etc/cloud/cloud.cfg": "users:\n   - default\npreserve_hostname: false\n"])
        )
        #expect(StepHarness.text(cloud, "/etc/cloud/cloud.cfg") == "users:\n   - default\npreserve_hostname: true\n")
        #expect(yaml.plan(cloud).isEmpty)
    }

    @Test("sysctl writes its file and sets live values; typed comparison; then nothing to do")
    func sysctl() throws {
        let step = try StepHarness.step(
            SysctlStep.self,
            [
                "settings": .map([
                    "net.bridge.bridge-nf-call-iptables": .int(0),
                    "net.ipv6.conf.vlan31.disable_ipv6": .int(1),
                    "net.ipv4.tcp_rmem": .string("4096 87380 6291456"),
                ])
            ])
        let facts = StepHarness.facts(sysctl: [
            "net.bridge.bridge-nf-call-iptables": "00", "net.ipv4.tcp_rmem": "4096\t87380  6291456",
        ])
        let (changes, after) = StepHarness.cycle(step, facts)
        #expect(
            changes.map(\.summary) == [
                "create /etc/sysctl.d/90-trunkline.conf", "set net.ipv6.conf.vlan31.disable_ipv6 = 1 live",
            ])
        #expect(
            changes[1].diff
                == "-net.ipv6.conf.vlan31.disable_ipv6 = (not set)\n+net.ipv6.conf.vlan31.disable_ipv6 = 1\n")
        #expect(
            StepHarness.text(after, "/etc/sysctl.d/90-trunkline.conf")
                == "# Managed by Trunkline\nnet.bridge.bridge-nf-call-iptables = 0\nnet.ipv4.tcp_rmem = 4096 87380 6291456\nnet.ipv6.conf.vlan31.disable_ipv6 = 1\n"
        )
        #expect(step.plan(after).isEmpty)
        #expect(!SysctlStep.same("1", "0") && SysctlStep.same("0", "00") && !SysctlStep.same(nil, "0"))
        #expect(step.needs.reads(KernelIPv6Fact.self), "setting sysctl values live needs the kernel's IPv6 fact")
        let fileOnly = try StepHarness.step(
            SysctlStep.self, ["settings": .map(["net.ipv4.ip_forward": .int(1)]), "live": .bool(false)])
        #expect(!fileOnly.needs.reads(KernelIPv6Fact.self))
        var withoutIPv6 = facts
        withoutIPv6[KernelIPv6Fact.self] = false
        #expect(
            step.plan(withoutIPv6).map(\.summary) == ["create /etc/sysctl.d/90-trunkline.conf"],
            "a kernel booted with ipv6.disable=1 has no net.ipv6 key to set live")
    }

    @Test("file writes content with mode and owner, keeps attributes it is not told, and removes")
    func file() throws {
        let step = try StepHarness.step(
            FileStep.self,
            [
                "path": .string("/etc/default/openvswitch-switch"),
                "content": .string("OVS_CTL_OPTS='--delete-bridges'\n"), "mode": .string("0640"),
            ])
        let (changes, after) = StepHarness.cycle(
            step, StepHarness.facts(files: ["/etc/default/openvswitch-switch": "# OVS_CTL_OPTS=\n"]))
        #expect(changes[0].summary == "update /etc/default/openvswitch-switch (mode 644 -> 640)")
        #expect(
            after.files["/etc/default/openvswitch-switch"]
                == .present(
                    contents: Array("OVS_CTL_OPTS='--delete-bridges'\n".utf8), mode: 0o640, owner: "root", group: "root"
                ))
        #expect(step.plan(after).isEmpty)
        let removal = try StepHarness.step(
            FileStep.self, ["path": .string("/etc/netplan/50-cloud-init.yaml"), "state": .string("absent")])
        let (removed, gone) = StepHarness.cycle(
            removal, StepHarness.facts(files: ["/etc/netplan/50-cloud-init.yaml": "network: {}\n"]))
        #expect(removed[0].effects == [.removeFile(path: "/etc/netplan/50-cloud-init.yaml")])
        #expect(removal.plan(gone).isEmpty)
    }

    @Test("command runs unless a guard says it is done; guards are gathered as facts")
    func command() throws {
        let step = try StepHarness.step(
            CommandStep.self,
            [
                "shell": .string("ovs-vsctl set Open_vSwitch . external-ids:x=1"),
                "creates": .string("/var/lib/done"),
            ])
        #expect(step.needs.checks == [["test", "-e", "/var/lib/done"]])
        #expect(step.plan(StepHarness.facts(checks: [["test", "-e", "/var/lib/done"]: 1])).count == 1)
        #expect(step.plan(StepHarness.facts(checks: [["test", "-e", "/var/lib/done"]: 0])).isEmpty)
        #expect(!step.alwaysChanges)
        #expect(try StepHarness.step(CommandStep.self, ["argv": .list([.string("true")])]).alwaysChanges)
    }

    @Test(
        "bad arguments name the kind, the field and the place, with a suggestion",
        arguments: [
            (
                LinesStep.self as any StepKind.Type, ["path": Value.string("/x"), "sett": .map([:])],
                "play.yml:7:5: error: unknown argument 'sett' for a lines step (did you mean 'set'?)"
            ),
            (FileStep.self, ["path": .string("etc/x"), "content": .string("")], "file.path must be absolute"),
            (
                FileStep.self, ["path": .string("/x"), "content": .string(""), "mode": .string("0955")],
                "must be an octal mode"
            ),
            (SysctlStep.self, ["settings": .list([])], "sysctl.settings must be a mapping, not a list"),
            (GrubCmdlineStep.self, ["present": .list([.string("a b")])], "is not a kernel argument"),
            (CommandStep.self, ["argv": .list([.string("x")]), "shell": .string("y")], "exactly one of 'argv'"),
            (
                FileStep.self, ["path": .string("/x"), "state": .string("gone")],
                "file.state must be one of present, absent"
            ),
        ] as [(any StepKind.Type, [String: Value], String)])
    func invalid(kind: any StepKind.Type, values: [String: Value], expected: String) {
        #expect {
            _ = try kind.init(StepArguments(kind: kind.name, location: StepHarness.location, values: values))
        } throws: { error in
            (error as? InputError)?.description.contains(expected) == true
        }
    }
}
