import Testing
import TrunklineCore
import TrunklineInput

@Suite("Templates")
struct TemplateTests {
    static let location = SourceLocation(file: "roles/x/steps.yml", line: 4, column: 9)
    static let variables: [String: Value] = [
        "mgmt_address": .string("192.168.31.10"), "vlans": .list([.int(31), .int(32)]), "mtu": .int(9000),
        "bond": .map(["mode": .string("active-backup")]),
    ]

    func render(_ value: Value) throws -> Value {
        try Template.render(value, variables: Self.variables, field: "lines.set", at: Self.location)
    }

    @Test("variables, attributes, loops and filters render; a lone variable keeps its type")
    func renders() throws {
        #expect(try render(.string("address {{ mgmt_address }}/24")) == .string("address 192.168.31.10/24"))
        #expect(try render(.string("{{ bond.mode }}")) == .string("active-backup"))
        #expect(try render(.string("{% for v in vlans %}vlan{{ v }} {% endfor %}")) == .string("vlan31 vlan32 "))
        #expect(try render(.string("{{ vlans }}")) == .list([.int(31), .int(32)]))
        #expect(try render(.string("{{ mtu }}")) == .int(9000))
        #expect(try render(.map(["k": .list([.string("{{ mtu }}")])])) == .map(["k": .list([.int(9000)])]))
        #expect(try render(.string("no template $(reboot)")) == .string("no template $(reboot)"))
    }

    @Test("a variable whose value holds templates is rendered too; a loop is refused")
    func nested() throws {
        let variables: [String: Value] = ["octet": .int(5), "network": .map(["address": .string("10.0.0.{{ octet }}/24")])]
        #expect(try Template.render(.string("{{ network }}"), variables: variables, field: "f", at: Self.location) == .map(["address": .string("10.0.0.5/24")]))
        #expect(throws: InputError.self) {
            try Template.render(.string("{{ a }}"), variables: ["a": .string("{{ a }}")], field: "f", at: Self.location)
        }
    }

    @Test("an undefined variable names itself, the field and the place, with a suggestion")
    func undefined() {
        #expect {
            try render(.string("address {{ mgmt_adress }}/24"))
        } throws: { error in
            (error as? InputError)?.description == "roles/x/steps.yml:4:9: error: undefined variable 'mgmt_adress' in lines.set (did you mean 'mgmt_address'?)"
        }
        #expect(throws: InputError.self) { try render(.string("{{ storage_vlan }}")) }
    }
}
