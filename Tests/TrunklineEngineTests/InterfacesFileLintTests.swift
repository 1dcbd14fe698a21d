import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine

@Suite("Interfaces files written verbatim are checked for the field guides' mistakes")
struct InterfacesFileLintTests {
    /// Seed 004's Ubuntu OVS file, mistakes included.
    static let seed004 = """
        allow-ovs cloudbr0
        iface cloudbr0 inet static
          address 192.168.100.20
          netmask 255.255.155.0
          gateway 192.168.100.100
          dns-nameserver 192.168.100.5
          ovs_type OVSBridge
          ovs_ports bond0

        allow-cloudbr0 bond0
        iface bond0 inet manual
          ovs_bridge cloudbr0
          ovs_type OVSBond
          ovs_bonds eth0 eth1
          ovs_option bond_mode=active-backup other_config:miimon=100
        """

    /// Seed 001's trunk file, which is correct (pre-up, ovs_extra with shell syntax and comments included).
    static let seed001 = """
        # The loopback network interface
        auto lo
        iface lo inet loopback

        auto vmbr0
        allow-ovs vmbr0
        iface vmbr0 inet manual
                ovs_type OVSBridge
                ovs_ports eth0 vlan31 vlan32

        allow-vmbr0 eth0
        iface eth0 inet manual
                ovs_bridge vmbr0
                ovs_type OVSPort
                ovs_options tag=31 vlan_mode=native-untagged trunks=31,32

        allow-vmbr0 vlan31
        iface vlan31 inet static
                ovs_type OVSIntPort
                ovs_bridge vmbr0
                ovs_options tag=31
                ovs_extra set interface ${IFACE} external-ids:iface-id=$(hostname -s)-${IFACE}-vif
                address 192.168.1.10
                netmask 255.255.255.0
                gateway 192.168.1.1
                dns-nameservers 208.67.222.222 208.67.220.220
        """

    func file(_ content: String) throws -> FileStep {
        try StepHarness.step(FileStep.self, ["path": .string("/etc/network/interfaces"), "content": .string(content)])
    }

    func message(_ content: String) -> String? {
        do {
            _ = try file(content)
            return nil
        } catch {
            return (error as? InputError)?.description
        }
    }

    @Test("each of seed 004's mistakes is found, with the fix")
    func seed004() {
        #expect(
            message(Self.seed004)?.contains(
                "/etc/network/interfaces line 4: netmask 255.255.155.0 is not contiguous (did you mean '255.255.255.0'?)"
            ) == true)
        let fixedMask = Self.seed004.replacingOccurrences(of: "255.255.155.0", with: "255.255.255.0")
        #expect(
            message(fixedMask)?.contains("line 6: unknown option 'dns-nameserver' (did you mean 'dns-nameservers'?)")
                == true)
        let fixedDNS = fixedMask.replacingOccurrences(of: "dns-nameserver ", with: "dns-nameservers ")
        #expect(
            message(fixedDNS)?.contains("line 15: unknown option 'ovs_option' (did you mean 'ovs_options'?)") == true)
        #expect(message(fixedDNS.replacingOccurrences(of: "ovs_option ", with: "ovs_options ")) == nil)
    }

    @Test("seed 002's warning: OVS types are case-sensitive")
    func seed002() {
        #expect(
            message("allow-ovs br0\niface br0 inet manual\n    ovs_type OVSbridge\n")?.contains(
                "line 3: unknown ovs_type 'OVSbridge' (the names are case-sensitive) (did you mean 'OVSBridge'?)")
                == true)
    }

    @Test("a correct file (seed 001) passes, and other paths are not checked")
    func correct() throws {
        #expect(message(Self.seed001) == nil)
        _ = try StepHarness.step(FileStep.self, ["path": .string("/etc/other.conf"), "content": .string(Self.seed004)])
        #expect(throws: InputError.self) {
            try StepHarness.step(
                LinesStep.self,
                ["path": .string("/etc/network/interfaces.d/bond0"), "lines": .list([.string("    ovs_option x")])])
        }
    }
}
