import Testing
import TrunklineCore

@testable import TrunklineInventory

@Suite("Inventory files")
struct InventoryLoaderTests {
    static let zone = """
        all:
          vars:
            ntp: pool.ntp.org
            mtu: 1500
            owner: all
          hosts:
            spare:
          children:
            cloudstack:
              vars:
                mtu: 9000
                owner: cloudstack
              children:
                zone1:
                  vars:
                    owner: zone1
                  hosts:
                    hv[01:03]:
                    hv04: {ansible_host: 10.0.0.4, mtu: 1400, owner: host}
            storage:
              hosts:
                hv02:
                nas1:
        """

    @Test(
        "Ansible's precedence: inventory group vars (all, parent, child) < group_vars files (all, parent, child) < host < host_vars < -e"
    )
    func precedence() throws {
        let fixture = try InventoryFixture(
            Self.zone,
            files: [
                "group_vars/zone1.yml": "ntp: ntp.zone1\n",
                "group_vars/cloudstack/10-dns.yml": "dns: [10.0.0.53]\nowner: cloudstack-file\n",
                "host_vars/hv04.yml": "owner: host_vars\n",
            ])
        let inventory = try InventoryLoader.load(fixture.path)
        let hv01 = inventory.variables(of: "hv01")
        #expect(hv01["mtu"] == .int(9000))
        // group_vars/cloudstack beats zone1's inventory vars: every group_vars file beats every
        // inventory group variable, as Ansible's precedence says.
        #expect(hv01["owner"] == .string("cloudstack-file"))
        #expect(hv01["ntp"] == .string("ntp.zone1"))
        #expect(hv01["dns"] == .list([.string("10.0.0.53")]))
        let hv04 = inventory.variables(of: "hv04")
        #expect(hv04["mtu"] == .int(1400))
        #expect(hv04["owner"] == .string("host_vars"))
        #expect(inventory.variables(of: "hv04", extra: ["owner": .string("cli")])["owner"] == .string("cli"))
        #expect(inventory.variables(of: "spare")["owner"] == .string("all"))
        #expect(
            inventory.variables(of: "hv02")["group_names"]
                == .list(["cloudstack", "storage", "zone1"].map(Value.string)))
    }

    @Test("groups at the same depth apply by name, so the result never depends on file order")
    func sameDepthByName() throws {
        let fixture = try InventoryFixture(
            """
            all:
              children:
                zeta: {hosts: {h1: }, vars: {v: zeta}}
                alpha: {hosts: {h1: }, vars: {v: alpha}}
            """)
        #expect(try InventoryLoader.load(fixture.path).variables(of: "h1")["v"] == .string("zeta"))
    }

    @Test("host ranges expand with their padding; hosts keep their written order; ungrouped is filled")
    func rangesAndOrder() throws {
        let inventory = try InventoryLoader.load(try InventoryFixture(Self.zone).path)
        #expect(inventory.hostOrder == ["spare", "hv01", "hv02", "hv03", "hv04", "nas1"])
        #expect(inventory.groups["ungrouped"]?.hosts == ["spare"])
        #expect(inventory.hostNames(in: "cloudstack") == ["hv01", "hv02", "hv03", "hv04"])
    }

    @Test("YAML types are kept: numbers, booleans, lists, mappings")
    func types() throws {
        let fixture = try InventoryFixture(
            """
            all:
              hosts:
                h1:
                  vlan: 31
                  ratio: 0.5
                  become: yes
                  trunks: [31, 32]
                  bond: {mode: active-backup}
                  quoted: "31"
            """)
        let variables = try InventoryLoader.load(fixture.path).variables(of: "h1")
        #expect(variables["vlan"] == .int(31))
        #expect(variables["ratio"] == .double(0.5))
        #expect(variables["become"] == .bool(true))
        #expect(variables["trunks"] == .list([.int(31), .int(32)]))
        #expect(variables["bond"] == .map(["mode": .string("active-backup")]))
        #expect(variables["quoted"] == .string("31"))
    }

    @Test(
        "invalid inventories name file:line:column, what is wrong, and a likely fix",
        arguments: [
            (
                "all:\n  childern:\n    a: {}\n",
                "2:3: error: unknown key 'childern' in group 'all' (did you mean 'children'?)"
            ),
            ("all:\n  hosts:\n    - hv01\n", "3:5: error: the hosts of group 'all' must be a mapping, not a list"),
            ("all:\n  vars: [1, 2]\n", "2:9: error: the vars of group 'all' must be a mapping, not a list"),
            ("all:\n  hosts:\n    hv01: {ansible_host: [1}\n", "invalid YAML"),
            ("all:\n  hosts:\n    hv01:\n      2vlan: 3\n", "4:7: error: '2vlan' is not a valid variable name"),
            (
                "all:\n  hosts:\n    hv[05:01]:\n",
                "3:5: error: host range 'hv[05:01]' must go from a lower to a higher number or letter"
            ),
            (
                "all:\n  children:\n    a:\n      children:\n        all:\n",
                "5:9: error: group 'all' cannot be a child of 'a'"
            ),
            ("", "1:1: error: the inventory is empty"),
            ("all:\n  hosts:\n    hv01:\n    hv01:\n", "duplicate key"),
        ])
    func invalid(text: String, expected: String) throws {
        let fixture = try InventoryFixture(text)
        #expect {
            try InventoryLoader.load(fixture.path)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.location.file == fixture.path && error.description.contains(expected)
        }
    }

    @Test(
        "extra variables: key=value a string as in Ansible, or the number it exactly writes; @file; bad forms refused")
    func extraVariables() throws {
        let fixture = try InventoryFixture("all: {}\n", files: ["extra.yml": "mgmt_vlan: 31\n"])
        let extra = try ExtraVariables(parsing: [
            "vlan=31", "name=vmbr0", "on=true", "cmd=$(reboot)", "@\(fixture.directory.path)/extra.yml",
        ]).values
        #expect(
            extra == [
                "vlan": .int(31), "name": .string("vmbr0"), "on": .string("true"), "cmd": .string("$(reboot)"),
                "mgmt_vlan": .int(31),
            ])
        #expect(throws: InputError.self) { try ExtraVariables(parsing: ["novalue"]) }
        #expect(throws: InputError.self) { try ExtraVariables(parsing: ["bad-name=1"]) }
    }

    @Test("extra variables as ansible-playbook -e reads them: several key=value words, a JSON or YAML mapping")
    func extraVariableForms() throws {
        let words = try ExtraVariables(parsing: ["a=1 b=2", #"motd='up to date' c="x=y""#])
        #expect(words.values == ["a": .int(1), "b": .int(2), "motd": .string("up to date"), "c": .string("x=y")])
        #expect(words.origins["b"]?.location == SourceLocation(file: "-e", line: 1, column: 1))
        let json = try ExtraVariables(parsing: [#"{"json": 1, "list": [1, "a"], "map": {"k": true}}"#, "{vlan: 31}"])
            .values
        #expect(
            json == [
                "json": .int(1), "list": .list([.int(1), .string("a")]), "map": .map(["k": .bool(true)]),
                "vlan": .int(31),
            ])
        #expect {
            try ExtraVariables(parsing: ["[1, 2]"])
        } throws: { error in
            (error as? InputError)?.message == "'[1, 2]' is no mapping of variables"
        }
        #expect {
            try ExtraVariables(parsing: ["motd=up to date"])
        } throws: { error in
            "\(error)"
                == #"-e:1:1: error: 'to' must be key=value, @file.yml or a JSON mapping (each word is key=value; quote a value with spaces: -e "motd='up to date'")"#
        }
    }
}
