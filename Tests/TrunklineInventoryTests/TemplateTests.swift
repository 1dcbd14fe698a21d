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

    func renderError(_ text: String, variables: [String: Value] = Self.variables) -> String? {
        do {
            _ = try Template.render(.string(text), variables: variables, field: "lines.set", at: Self.location)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("loops: forloop, where, empty, break, continue, pairs of a mapping by key, ranges")
    func loops() throws {
        let variables: [String: Value] = ["vlans": .list([.int(31), .int(32), .int(33)]), "ports": .map(["b": .int(2), "a": .int(1)]), "none": .list([])]
        func render(_ text: String) throws -> Value {
            try Template.render(.string(text), variables: variables, field: "f", at: Self.location)
        }
        #expect(try render("{% for v in vlans %}{{ forloop.counter }}:{{ v }}{% if not forloop.last %},{% endif %}{% endfor %}") == .string("1:31,2:32,3:33"))
        #expect(try render("{% for v in vlans where v > 31 %}{{ v }} {% endfor %}") == .string("32 33 "))
        #expect(try render("{% for v in none %}x{% empty %}none{% endfor %}") == .string("none"))
        #expect(try render("{% for v in vlans %}{% if v == 32 %}{% break %}{% endif %}{{ v }}{% endfor %}") == .string("31"))
        #expect(try render("{% for v in vlans %}{% if v == 32 %}{% continue %}{% endif %}{{ v }}{% endfor %}") == .string("3133"))
        #expect(try render("{% for name, number in ports %}{{ name }}={{ number }} {% endfor %}") == .string("a=1 b=2 "))
        #expect(try render("{% for i in 1...3 %}{{ i }}{% endfor %}{% for i in 3...1 %}{{ i }}{% endfor %}") == .string("123321"))
    }

    // Before, each of these rendered for hours (or until the memory was full).
    @Test("templates that multiply end at a limit, with an error at their place", arguments: [
        ("{% for a in l %}{% for b in l %}{% for c in l %}{% for d in l %}.{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
         "loops more than 100000 times (nested loops?)"),
        ("{% for i in 1...100000000 %}.{% endfor %}", "loops more than 100000 times (nested loops?)"),
        ("{% for a in l %}{{ big }}{% endfor %}", "renders more than 1 MiB"),
        ("{{ r0 }} and more", "has more than 10000 tags"),
    ])
    func multiplying(text: String, expected: String) {
        var variables: [String: Value] = ["l": .list((1...100).map(Value.int)), "big": .string(String(repeating: "x", count: 20_000))]
        for level in 0..<9 { variables["r\(level)"] = .string(String(repeating: "{{ r\(level + 1) }}", count: 10)) }
        variables["r9"] = .string("laugh")
        #expect(renderError(text, variables: variables) == "roles/x/steps.yml:4:9: error: the template in lines.set \(expected)")
    }

    @Test("lists of variables that are lists of variables end at 1,000,000 values")
    func multiplyingValues() {
        var variables: [String: Value] = ["v9": .string("laugh")]
        for level in 0..<9 { variables["v\(level)"] = .list(Array(repeating: .string("{{ v\(level + 1) }}"), count: 10)) }
        #expect(renderError("{{ v0 }}", variables: variables)
            == "roles/x/steps.yml:4:9: error: the templates in lines.set make more than 1000000 values (variables that repeat each other?)")
    }

    // Before, both rendered as nothing.
    @Test("a key that a mapping does not have, and a name in any script, are undefined like a missing variable")
    func undefinedParts() throws {
        #expect(renderError("mode {{ bond.mod }}")
            == "roles/x/steps.yml:4:9: error: undefined variable 'bond.mod' in lines.set (did you mean 'bond.mode'?)")
        #expect(renderError("{{ été }}") == "roles/x/steps.yml:4:9: error: undefined variable 'été' in lines.set")
        #expect(renderError("x {{ été }}") == "roles/x/steps.yml:4:9: error: undefined variable 'été' in lines.set")
        let variables: [String: Value] = ["été": .int(2025), "bond": .map(["mode": .string("lacp")]), "vlans": .list([.int(31)])]
        #expect(try Template.render(.string("{{ été }}"), variables: variables, field: "f", at: Self.location) == .int(2025))
        #expect(try Template.render(.string("{{ bond.count }} {{ vlans.count }} {{ vlans.0 }} {% for p in vlans %}{{ p.x }}{% endfor %}"),
                                    variables: variables, field: "f", at: Self.location) == .string("1 1 31 "))
    }
}
