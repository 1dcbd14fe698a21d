import TrunklineCore

/// Seed 001's libvirt network, as its guide writes it, and its XML byte for byte.
public enum LibvirtSeed {
    /// Seed 001's network, as its guide writes it.
    public static let network: [String: Value] = [
        "name": .string("libvirt-vmbr0"), "bridge": .string("vmbr0"), "trunks": .list([.int(31), .int(32)]),
        "native_vlan": .int(31),
        "portgroups": .list([
            .map(["name": .string("V31"), "tag": .int(31), "default": .bool(true)]),
            .map(["name": .string("V32"), "tag": .int(32)]),
        ]),
    ]

    /// The XML of seed 001 (config/vmbr0.xml), byte for byte.
    public static let xml = """
        <network>
          <name>libvirt-vmbr0</name>
          <forward mode='bridge'/>
          <bridge name='vmbr0'/>
          <virtualport type='openvswitch'/>
          <vlan trunk='yes'>
            <tag id='31' nativeMode='untagged'/>
            <tag id='32'/>
          </vlan>
          <portgroup name='V31' default='yes'>
            <vlan>
              <tag id='31'/>
            </vlan>
          </portgroup>
          <portgroup name='V32'>
            <vlan>
              <tag id='32'/>
            </vlan>
          </portgroup>
        </network>

        """
}
