import Testing
import TrunklineCore

@testable import TrunklineInput

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

    @Test(
        "{{ omit }} drops the mapping entry it is the whole value of, at any depth; elsewhere it is text; a variable named omit is that variable"
    )
    func omit() throws {
        let value = Value.map([
            "a": .string("{{ omit }}"), "b": .string("{{ mtu | default(omit) }}"),
            "c": .list([.map(["d": .string("{{ undefined_x | default(omit) }}"), "e": .int(1)])]),
        ])
        #expect(try render(value) == .map(["b": .int(9000), "c": .list([.map(["e": .int(1)])])]))
        #expect(try render(.string("x{{ omit }}")) == .string("x" + Template.omitPlaceholder))
        let own = try Template.render(
            .map(["a": .string("{{ omit }}")]), variables: ["omit": .int(1)], field: "f", at: Self.location)
        #expect(own == .map(["a": .int(1)]))
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

    // Before, each host's rendering parsed every template and when: of its steps again.
    @Test("a template and a when: rendered for 1,000 hosts are each parsed once")
    func parsedOnce() throws {
        let templates = ParsedTemplates()
        for octet in 1...1000 {
            let rendering = TemplateRendering(
                variables: ["octet": .int(octet)], field: "lines.set", at: Self.location, templates: templates)
            #expect(try rendering.render(.string("10.0.0.{{ octet }}/24"), depth: 0) == .string("10.0.0.\(octet)/24"))
            #expect(try rendering.holds("octet > 500") == (octet > 500))
        }
        #expect(templates.parses == 2)
    }

    @Test("a variable whose value holds templates is rendered too; a loop is refused")
    func nested() throws {
        let variables: [String: Value] = [
            "octet": .int(5), "network": .map(["address": .string("10.0.0.{{ octet }}/24")]),
        ]
        #expect(
            try Template.render(.string("{{ network }}"), variables: variables, field: "f", at: Self.location)
                == .map(["address": .string("10.0.0.5/24")]))
        #expect(throws: InputError.self) {
            try Template.render(.string("{{ a }}"), variables: ["a": .string("{{ a }}")], field: "f", at: Self.location)
        }
    }

    @Test("an undefined variable names itself, the field and the place, with a suggestion")
    func undefined() {
        #expect {
            try render(.string("address {{ mgmt_adress }}/24"))
        } throws: { error in
            (error as? InputError)?.description
                == "roles/x/steps.yml:4:9: error: undefined variable 'mgmt_adress' in lines.set (did you mean 'mgmt_address'?)"
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

    @Test("loops: loop.*, inline if, else, pairs of a mapping by key, ranges")
    func loops() throws {
        let variables: [String: Value] = [
            "vlans": .list([.int(31), .int(32), .int(33)]), "ports": .map(["b": .int(2), "a": .int(1)]),
            "nothing": .list([]),
        ]
        func render(_ text: String) throws -> Value {
            try Template.render(.string(text), variables: variables, field: "f", at: Self.location)
        }
        #expect(
            try render("{% for v in vlans %}{{ loop.index }}:{{ v }}{% if not loop.last %},{% endif %}{% endfor %}")
                == .string("1:31,2:32,3:33"))
        #expect(try render("{% for v in vlans if v > 31 %}{{ v }} {% endfor %}") == .string("32 33 "))
        #expect(try render("{% for v in nothing %}x{% else %}none{% endfor %}") == .string("none"))
        #expect(
            try render("{% for name, number in ports.items() %}{{ name }}={{ number }} {% endfor %}")
                == .string("a=1 b=2 "))
        #expect(
            try render("{% for i in range(1, 4) %}{{ i }}{% endfor %}{% for i in range(3, 0, -1) %}{{ i }}{% endfor %}")
                == .string("123321"))
    }

    // Before, each of these rendered for hours (or until the memory was full).
    @Test(
        "templates that multiply end at a limit, with an error at their place",
        arguments: [
            (
                "{% for a in l %}{% for b in l %}{% for c in l %}{% for d in l %}.{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
                "loops more than 100000 times (nested loops?)"
            ),
            ("{% for i in range(1, 100000000) %}.{% endfor %}", "loops more than 100000 times (nested loops?)"),
            ("{% for a in l %}{{ big }}{% endfor %}", "renders more than 1 MiB"),
            // Variables that each repeat the next ten times: rendered once each, the text grows past the limit.
            ("{{ r0 }} and more", "renders more than 1 MiB"),
        ])
    func multiplying(text: String, expected: String) {
        var variables: [String: Value] = [
            "l": .list((1...100).map(Value.int)), "big": .string(String(repeating: "x", count: 20_000)),
        ]
        for level in 0..<9 { variables["r\(level)"] = .string(String(repeating: "{{ r\(level + 1) }}", count: 10)) }
        variables["r9"] = .string("laugh")
        #expect(
            renderError(text, variables: variables)
                == "roles/x/steps.yml:4:9: error: the template in lines.set \(expected)")
    }

    @Test("lists of variables that are lists of variables end at 1,000,000 values")
    func multiplyingValues() {
        var variables: [String: Value] = ["v9": .string("laugh")]
        for level in 0..<9 {
            variables["v\(level)"] = .list(Array(repeating: .string("{{ v\(level + 1) }}"), count: 10))
        }
        #expect(
            renderError("{{ v0 }}", variables: variables)
                == "roles/x/steps.yml:4:9: error: the templates in lines.set make more than 1000000 values (variables that repeat each other?)"
        )
    }

    // Before, both rendered as nothing.
    @Test("a key that a mapping does not have, and a name in any script, are undefined like a missing variable")
    func undefinedParts() throws {
        #expect(
            renderError("mode {{ bond.mod }}")
                == "roles/x/steps.yml:4:9: error: undefined variable 'bond.mod' in lines.set (did you mean 'bond.mode'?)"
        )
        #expect(renderError("{{ été }}") == "roles/x/steps.yml:4:9: error: undefined variable 'été' in lines.set")
        #expect(renderError("x {{ été }}") == "roles/x/steps.yml:4:9: error: undefined variable 'été' in lines.set")
        let variables: [String: Value] = [
            "été": .int(2025), "bond": .map(["mode": .string("lacp")]), "vlans": .list([.int(31)]),
        ]
        #expect(
            try Template.render(.string("{{ été }}"), variables: variables, field: "f", at: Self.location) == .int(2025)
        )
        #expect(
            try Template.render(
                .string("{{ bond | count }} {{ vlans | length }} {{ vlans.0 }} {{ vlans[-1] }}"),
                variables: variables, field: "f", at: Self.location) == .string("1 1 31 31"))
        #expect(
            renderError("{% for p in vlans %}{{ p.x }}{% endfor %}", variables: variables)
                == "roles/x/steps.yml:4:9: error: undefined variable 'p.x' in lines.set")
    }

    // Issue 13: each of these rendered wrong configuration without a word under Stencil.
    @Test("arithmetic, ~, default('a'), upper, is defined and a final newline after a lone variable")
    func issue13() throws {
        #expect(try render(.string("sum={{ 10 + 2 }};")) == .string("sum=12;"))
        #expect(try render(.string("{{ mgmt_address ~ 'x' }}")) == .string("192.168.31.10x"))
        #expect(try render(.string("{{ missing | default('a') }}")) == .string("a"))
        #expect(try render(.string("{{ missing | d('a') }} {{ '' | default('b', true) }}")) == .string("a b"))
        #expect(try render(.string("{{ bond.mode | upper }}")) == .string("ACTIVE-BACKUP"))
        #expect(try render(.string("{% if missing is defined %}yes{% else %}no{% endif %}")) == .string("no"))
        #expect(try render(.string("{% if mtu is defined %}yes{% endif %}")) == .string("yes"))
        let motd: [String: Value] = ["motd_text": .string("Welcome")]
        #expect(
            try Template.render(.string("{{ motd_text }}\n"), variables: motd, field: "f", at: Self.location)
                == .string("Welcome\n"))
        #expect(Template.loneVariable("{{ motd_text }}\n") == nil)
        #expect(Template.loneVariable("{{ motd_text }}") == "motd_text")
    }

    @Test("a lone expression keeps its type; anything around it makes text")
    func nativeTypes() throws {
        #expect(try render(.string("{{ mtu + 1 }}")) == .int(9001))
        #expect(try render(.string("{{ vlans | map('string') | list }}")) == .list([.string("31"), .string("32")]))
        #expect(try render(.string("{{ mtu > 1500 }}")) == .bool(true))
        #expect(try render(.string(" {{ mtu }}")) == .string(" 9000"))
    }

    @Test("a syntax error says where in a template of several lines")
    func syntaxError() {
        #expect(
            renderError("line one\n{{ mtu + }}")
                == "roles/x/steps.yml:4:9: error: cannot render the template in lines.set: unexpected '}}' (line 2, column 10 of the template)"
        )
        #expect(
            renderError("{{ bond.mode | uper }}")
                == "roles/x/steps.yml:4:9: error: cannot render the template in lines.set: no filter named 'uper' (column 16) (did you mean 'upper'?)"
        )
        #expect(
            renderError("{{ mtu is defind }}")
                == "roles/x/steps.yml:4:9: error: cannot render the template in lines.set: no test named 'defind' (column 11) (did you mean 'defined'?)"
        )
        #expect(
            renderError("{% if mtu %}x")
                == "roles/x/steps.yml:4:9: error: cannot render the template in lines.set: the template ends before '{% elif' or '{% else' or '{% endif %}' (column 14)"
        )
    }
}
