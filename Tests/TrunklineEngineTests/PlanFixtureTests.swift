import Foundation
import Testing
import TrunklineCore
import TrunklineInput
import TrunklineTestSupport

@testable import TrunklineEngine

/// Step plans as data, pyinfra's way: each file in `Plans/` gives a step as a playbook writes
/// it, the facts of a host, the changes the plan must make (summaries, and commands where given)
/// and the files as they must be after them; after those changes the step must plan nothing.
@Suite("Step plans from data fixtures (Plans/*.yml)")
struct PlanFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Plans")
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter {
        $0.hasSuffix(".yml")
    }.sorted()

    /// One fixture, read.
    struct Fixture {
        let step: any StepKind
        let facts: HostFacts
        let changes: [[String: Value]]
        let files: [String: String]

        init(_ path: String) throws {
            let root = try #require(try YAMLNode.load(path)).value()
            guard case .map(let fields) = root, case .map(let step)? = fields["step"], step.count == 1,
                let (kind, arguments) = step.first,
                case .map(let values) = arguments, let type = StepKinds.all[kind]
            else {
                throw Failure(description: "\(path): `step:` must be one step kind with a mapping of arguments")
            }
            self.step = try type.init(
                StepArguments(kind: kind, location: SourceLocation(file: path, line: 1, column: 1), values: values))
            let facts = Self.map(fields["facts"])
            self.facts = StepHarness.facts(
                family: facts["family"]?.scalarText == "rhel" ? .rhel : .debian,
                files: Self.strings(facts["files"]), sysctl: Self.strings(facts["sysctl"]))
            changes = Self.list(fields["changes"]).map { Self.map($0) }
            files = Self.strings(fields["files"])
        }

        private static func strings(_ value: Value?) -> [String: String] {
            map(value).compactMapValues(\.scalarText)
        }

        static func map(_ value: Value?) -> [String: Value] {
            guard case .map(let entries)? = value else { return [:] }
            return entries
        }

        static func list(_ value: Value?) -> [Value] {
            guard case .list(let items)? = value else { return [] }
            return items
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    @Test("there are fixtures to run")
    func found() {
        #expect(Self.cases.count >= 5, "\(Self.directory.path)")
    }

    @Test(
        "the plan makes the fixture's changes, leaves the files as it says, and nothing is left after them",
        arguments: cases)
    func plan(name: String) throws {
        let fixture = try Fixture(Self.directory.appendingPathComponent(name).path)
        let (changes, after) = StepHarness.cycle(fixture.step, fixture.facts)
        #expect(changes.map(\.summary) == fixture.changes.map { $0["summary"]?.scalarText ?? "" }, "\(name)")
        for (change, expected) in zip(changes, fixture.changes) {
            guard expected["commands"] != nil else { continue }
            #expect(
                change.commands == Fixture.list(expected["commands"]).compactMap(\.scalarText),
                "\(name): \(change.summary)")
        }
        for (path, text) in fixture.files { #expect(StepHarness.text(after, path) == text, "\(name): \(path)") }
        #expect(fixture.step.plan(after).map(\.summary) == [], "\(name): the step still plans changes after its own")
    }
}
