import Foundation
import Testing
import TrunklineCore
import TrunklineTestSupport

@testable import TrunklineEngine
@testable import TrunklinePlaybook

@Suite("Building a playbook's steps for a host")
struct StepDefinitionTests {
    static let playbook = """
        - hosts: all
          steps:
            - name: optional network
              libvirt_network: "{{ libvirt_network }}"
              when: libvirt_network
            - name: per family
              lines: {path: /etc/x, lines: ["{{ undefined_here }}"]}
              when: os_family == "rhel"
        """

    func steps(_ variables: [String: Value]) throws -> [StepInstance] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "trunkline-steps-\(UUID().uuidString).yml"
        ).path
        try Self.playbook.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try PlaybookLoader.load(path)[0].steps.map { try $0.instance(variables: variables) }
    }

    @Test("a step's arguments may be one template rendering to a mapping")
    func wholeArguments() throws {
        let network = Value.map(LibvirtSeed.network)
        let built = try steps(["libvirt_network": network, "undefined_here": .string("x")])
        #expect((built[0].kind as? LibvirtNetworkStep)?.xml == LibvirtSeed.xml)
        let error = #expect(throws: InputError.self) {
            try steps(["libvirt_network": .string("yes"), "undefined_here": .string("x")])
        }
        #expect(error?.description.contains("must render to a mapping, not") == true)
    }

    @Test("a when: decided by variables alone skips the step unbuilt; one that names facts waits for them")
    func lazyWhen() throws {
        let built = try steps(["libvirt_network": .bool(false), "undefined_here": .string("x")])
        #expect(built[0].kind == nil && built[0].kindName == "libvirt_network")
        #expect(try Planner.plan(Array(built.prefix(1)), facts: StepHarness.facts())[0].skipped)
        // The second step's condition names a fact, so its arguments are rendered: the undefined variable is an error.
        let error = #expect(throws: InputError.self) { try steps(["libvirt_network": .bool(false)]) }
        #expect(error?.description.contains("undefined variable") == true)
    }

    @Test("an argument set to {{ omit }} is dropped, as Ansible drops it; a default(omit) with a value keeps it")
    func omit() throws {
        let plays = try PlaybookText.load(
            """
            - hosts: all
              steps:
                - file: {path: /etc/motd, content: hi, mode: "{{ file_mode | default(omit) }}", owner: "{{ omit }}"}
            """)
        let dropped = try #require(try plays[0].steps[0].instance(variables: [:]).kind as? FileStep)
        #expect(dropped.mode == nil && dropped.owner == nil)
        let kept = try plays[0].steps[0].instance(variables: ["file_mode": .string("0600")])
        #expect((kept.kind as? FileStep)?.mode == 0o600)
    }

    @Test(
        "an unnamed step is named by its first argument as written (a list's items joined), a mapping by its kind, a template by itself"
    )
    func unnamed() throws {
        let plays = try PlaybookText.load(
            """
            - hosts: all
              steps:
                - file: {path: /etc/motd, content: hi}
                - service: {name: NetworkManager, enabled: false}
                - command: {argv: [systemctl, restart, ovs], creates: /x}
                - libvirt_network: "{{ net }}"
                - {name: named, hostname: {name: h1}}
                - sysctl: {settings: {net.ipv4.ip_forward: 1}}
            """)
        #expect(
            plays[0].steps.map(\.name) == [
                "/etc/motd", "NetworkManager", "systemctl restart ovs", "{{ net }}", "named", "sysctl",
            ])
    }

    @Test("a misspelt name in when: is an error at the when: line, not the step's")
    func whenLocation() throws {
        let plays = try PlaybookText.load(
            "- hosts: all\n  steps:\n    - name: x\n      file: {path: /etc/x, content: x}\n      when: os_famly == 'debian'\n"
        )
        let error = #expect(throws: InputError.self) { try plays[0].steps[0].instance(variables: [:]) }
        #expect(error?.location.line == 5, "\(error!)")
        #expect(error?.description.contains("did you mean 'os_family'?") == true)
    }

    @Test(
        "a step without templates is built once at load for every host; a bad one fails the load, or under when: the hosts it runs on"
    )
    func constantSteps() throws {
        let plays = try PlaybookText.load(
            """
            - hosts: all
              steps:
                - file: {path: /etc/motd, content: hi}
                - file: {path: /etc/motd, content: "{{ greeting }}"}
                - name: bad under when
                  file: {path: relative, content: hi}
                  when: flag
                - file: {path: /etc/issue, content: "a{# a comment #}b"}
            """)
        var steps = plays[0].steps
        #expect(steps[0].constantKind != nil && steps[1].constantKind == nil && steps[2].constantKind == nil)
        // Every host gets the kind built at load, whatever its variables.
        steps[0].constantKind = try FileStep(
            StepArguments(
                kind: "file", location: steps[0].location,
                values: ["path": .string("/etc/built-once"), "content": .string("x")]))
        #expect(
            (try steps[0].instance(variables: ["greeting": .string("y")]).kind as? FileStep)?.path == "/etc/built-once")
        #expect(try steps[2].instance(variables: ["flag": .bool(false)]).kind == nil)
        let deferred = #expect(throws: InputError.self) { try steps[2].instance(variables: ["flag": .bool(true)]) }
        #expect(deferred?.location.line == 6 && deferred?.description.contains("file.path must be absolute") == true)
        // A comment is a template: it renders away, as it does for every host.
        #expect(steps[3].constantKind == nil)
        #expect((try steps[3].instance(variables: [:]).kind as? FileStep)?.content == Array("ab".utf8))
        let atLoad = #expect(throws: InputError.self) {
            try PlaybookText.load("- hosts: all\n  steps:\n    - file: {path: relative, content: hi}\n")
        }
        #expect(atLoad?.location.line == 3 && atLoad?.description.contains("file.path must be absolute") == true)
    }
}
