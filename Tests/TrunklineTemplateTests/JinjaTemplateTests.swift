import Testing
import TrunklineCore

@testable import TrunklineTemplate

@Suite("Jinja templates")
struct JinjaTemplateTests {
    func render(_ source: String, _ variables: [String: Value] = [:]) throws -> String {
        try JinjaTemplate(source, name: "t.j2").render(variables: { variables[$0] })
    }

    func failure(_ source: String, _ variables: [String: Value] = [:]) -> TemplateError? {
        do {
            _ = try render(source, variables)
            return nil
        } catch {
            return error as? TemplateError
        }
    }

    @Test("the expressions issue 13 found rendering as nothing")
    func issue13() throws {
        #expect(try render("sum={{ 10 + 2 }};") == "sum=12;")
        #expect(try render("{{ a ~ 'x' }}", ["a": .string("b")]) == "bx")
        #expect(try render("{{ x | default('a') }}") == "a")
        #expect(try render("{{ 'x' | upper }}") == "X")
        #expect(try render("{% if x is defined %}d{% else %}u{% endif %}") == "u")
        #expect(try render("{{ motd_text }}\n", ["motd_text": .string("hi")]) == "hi\n")
    }

    @Test("lookup has the env and file plugins; another is refused by name, a term that is no string too")
    func lookupPlugins() {
        #expect(
            failure("{{ lookup('pipe', 'id') }}")?.description.contains("lookup plugin 'pipe' is not supported") == true
        )
        #expect(failure("{{ lookup('env', 1) }}")?.description.contains("takes strings, not int") == true)
        #expect(failure("{{ lookup() }}")?.description.contains("needs a plugin name") == true)
        #expect(
            failure("{{ lookup('file', 'motd') }}")?.description.contains("could not locate file in lookup: motd")
                == true)
    }

    @Test("errors name the template, the line and the column")
    func located() {
        #expect(failure("a\n  {{ 1 + }}")?.description == "t.j2:2:10: unexpected '}}'")
        #expect(
            failure("a\n{% if x %}")?.description
                == "t.j2:2:11: the template ends before '{% elif' or '{% else' or '{% endif %}'")
        let undefined = failure("ok\n  {{ host.nmae }}", ["host": .map(["name": .string("h")])])
        #expect(undefined?.description == "t.j2:2:10: 'dict object' has no attribute 'nmae'")
        #expect(undefined?.kind == .undefined(name: "host.nmae"))
        #expect(failure("{{ missing }}")?.kind == .undefined(name: "missing"))
        #expect(failure("{{ 'a' + 1 }}")?.kind == .type)
        #expect(failure("{{ x | nofilter }}", ["x": .int(1)])?.description == "t.j2:1:8: no filter named 'nofilter'")
    }

    @Test("a lone expression keeps its type")
    func native() throws {
        let template = try JinjaTemplate("{{ ports | dict2items | items2dict }}")
        #expect(template.isLoneExpression)
        #expect(
            try template.evaluate(variables: { $0 == "ports" ? .map(["eth0": .int(1)]) : nil })
                == .map(["eth0": .int(1)]))
        #expect(try JinjaTemplate("{{ 2.5 * 2 }}").evaluate(variables: { _ in nil }) == .double(5))
        #expect(try JinjaTemplate("{{ none }}").evaluate(variables: { _ in nil }) == .null)
        #expect(try !JinjaTemplate("{{ 1 }}\n").isLoneExpression)
    }

    @Test(
        "work is bounded: output, loops, steps, nesting and recursion end with a limit error",
        arguments: [
            ("{{ 'x' * 2000000 }}", "renders more than 1 MiB"),
            (
                "{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}",
                "loops more than 100000 times (nested loops?)"
            ),
            ("{{ range(1000000) | length }}", "loops more than 100000 times (nested loops?)"),
            ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "nests more than 64 levels deep"),
            (
                String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200),
                "nests more than 100 levels deep"
            ),
            (
                "{{ " + Array(repeating: "1", count: 500).joined(separator: " + ") + " }}",
                "nests more than 64 levels deep"
            ),
            (
                "{% for i in range(100000) %}{% if " + Array(repeating: "i", count: 30).joined(separator: " ~ ")
                    + " %}{% endif %}{% endfor %}",
                "takes more than 2000000 steps to render"
            ),
        ])
    func bounded(source: String, message: String) {
        let error = failure(source.hasPrefix("(") ? "{{ \(source) }}" : source)
        #expect(error?.kind == .limit)
        #expect(error?.message == message)
    }

    @Test("strict undefined, except under default and is defined")
    func strict() throws {
        #expect(try render("{{ x.y | default('d') }}", ["x": .map([:])]) == "d")
        #expect(try render("{{ x is defined and x }}") == "False")
        #expect(failure("{% for i in x %}{% endfor %}")?.kind == .undefined(name: "x"))
        #expect(failure("{{ x == 1 }}") != nil)
        #expect(try render("{% set y = x %}ok") == "ok")
    }

    @Test("expression names: which must be defined for a condition")
    func names() throws {
        #expect(
            try JinjaExpression("a and b | default(1) and c is defined and d.e and f(g)").strictNames == [
                "a", "d", "f", "g",
            ])
        #expect(try JinjaExpression("x is defined and x").strictNames == [])
    }

    // Before, every host's template converted the play's list of hosts again, and `length`
    // wrote the whole list as text first: quadratic in the fleet's size.
    @Test("a long list that many templates read is converted once for all of them")
    func longListConvertedOnce() throws {
        let items = (1...1_000).map { Value.string("hv\($0)") }
        for _ in 1...3 { #expect(try render("{{ hosts | length }}", ["hosts": .list(items)]) == "1000") }
        #expect(ConvertedLists.shared.contains(items))
    }

    @Test("a list is converted once for each storage, a copy with storage of its own again")
    func convertedPerStorage() {
        let lists = ConvertedLists()
        let items = (1...300).map(Value.int)
        var conversions = 0
        let convert = { (values: [Value]) -> TemplateValue in
            conversions += 1
            return .list(values.map(TemplateValue.init))
        }
        #expect(lists.list(items, convert) == lists.list(items, convert))
        var copy = items
        copy.append(.int(301))
        copy.removeLast()
        _ = lists.list(copy, convert)
        #expect(conversions == 2)
    }
}
